using System.IO.Compression;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.Data;
using PrunAdag.Testing;

namespace PrunAdag.Cli.Tests.Commands;

/// <summary><c>prunadag data check</c>: found / missing / bad checksum / corrupt per expected file; exit 2 only when a present file is wrong.</summary>
public class DataCheckCommandTests
{
    private static string Line(CliRunner.Outcome o, string file) => Assert.Single(o.StdoutLines, l => l.StartsWith(file + " ", StringComparison.Ordinal));

    [DataFact]
    public void The_real_data_folder_passes_with_every_file_found()
    {
        string data = TestData.Require(DataSets.Expected.Select(e => e.RelativePath).ToArray());
        var outcome = CliRunner.Run("data", "check", "--data", data);
        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        foreach (var e in DataSets.Expected) Assert.Contains(" found ", Line(outcome, e.RelativePath));
        Assert.Contains("7 files: 7 found, 0 missing, 0 wrong.", outcome.Stdout);
    }

    [DataFact]
    public void A_file_recompressed_or_stored_uncompressed_passes_on_its_content_checksum()
    {
        // The published MNIST .gz is matched by its own MD5; recompressed, only its content MD5 can match.
        string data = TestData.Require(TestData.Mnist[1], TestData.A9a[0]);
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.File("mnist"));
        Directory.CreateDirectory(tmp.File("a9a"));
        byte[] labels = Gunzip(File.ReadAllBytes(Path.Combine(data, TestData.Mnist[1])));
        using (var f = File.Create(tmp.File(TestData.Mnist[1])))
        using (var z = new GZipStream(f, CompressionLevel.Fastest)) z.Write(labels);
        File.WriteAllBytes(tmp.File("a9a/a9a.gz"), Gunzip(File.ReadAllBytes(Path.Combine(data, "a9a/a9a.gz")))); // plain text under the .gz name
        var outcome = CliRunner.Run("data", "check", "--data", tmp.Path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("md5 of the gunzipped content 27ae3e4e09519cfbb04c329615203637", outcome.Stdout);
        Assert.Contains("md5 fb3596510d780aaf76a06dc721d49662", outcome.Stdout);
        Assert.Contains("2 found, 5 missing, 0 wrong", outcome.Stdout);
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var z = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        z.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void An_empty_folder_lists_every_file_as_missing_and_exits_0()
    {
        using var tmp = new TempFolder();
        var outcome = CliRunner.Run("data", "check", "--data", tmp.Path);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        foreach (var e in DataSets.Expected) Assert.Contains(" missing ", Line(outcome, e.RelativePath));
        Assert.Contains("7 files: 0 found, 7 missing, 0 wrong.", outcome.Stdout);
        Assert.Contains("synthetic stand-ins", outcome.Stdout);
    }

    [Fact]
    public void Wrong_files_are_bad_checksum_or_corrupt_and_exit_2()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.File("a9a"));
        Directory.CreateDirectory(tmp.File("reged0"));
        Directory.CreateDirectory(tmp.File("mnist/t10k-labels-idx1-ubyte.gz"));  // a folder where a file should be
        tmp.Write("reged0/reged0_train.targets", "-1\n1\n");                     // readable, another content
        File.WriteAllBytes(tmp.File("a9a/a9a.gz"), []);                          // empty
        using (var ms = new MemoryStream())
        {
            using (var z = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(new byte[5000]);
            File.WriteAllBytes(tmp.File("a9a/a9a.t.gz"), ms.ToArray()[..^4]);      // gzip cut inside its trailer
        }
        var outcome = CliRunner.Run("data", "check", "--data", tmp.Path);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(" bad checksum ", Line(outcome, "reged0/reged0_train.targets"));
        Assert.Contains("expected md5 b7d9fdecce8946b4ec37fadbacbf72a2", outcome.Stdout);
        Assert.Contains(" corrupt ", Line(outcome, "a9a/a9a.gz"));
        Assert.Contains("the file is empty (0 bytes)", outcome.Stdout);
        Assert.Contains(" corrupt ", Line(outcome, "a9a/a9a.t.gz"));
        Assert.Contains("trailer (CRC-32 and size) of gzip member 1", outcome.Stdout);
        Assert.Contains(" corrupt ", Line(outcome, "mnist/t10k-labels-idx1-ubyte.gz"));
        Assert.Contains("3 missing, 4 wrong", outcome.Stdout);
    }

    [Fact]
    public void A_data_option_that_is_not_a_folder_is_exit_2()
    {
        using var tmp = new TempFolder();
        var missing = CliRunner.Run("data", "check", "--data", tmp.File("nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"prunadag data check: error: --data {tmp.File("nowhere")}: the folder does not exist.", Assert.Single(missing.StderrLines));
        string file = tmp.Write("f.txt", "x");
        var notFolder = CliRunner.Run("data", "check", "--data", file);
        Assert.Equal(2, notFolder.ExitCode);
        Assert.Contains("is a file, not a folder", notFolder.Stderr);
        foreach (var family in new[] { "neural", "classification", "figures" })
            Assert.Contains($"--data {file}: is a file, not a folder.", CliRunner.Run("reproduce", family, "--data", file).Stderr);
    }

    [Fact]
    public void The_expected_list_is_the_files_the_problems_read()
    {
        // Each path a data-backed problem reads (ClassificationProblem, SparseCodingProblem, NeuralProblems) is listed, with its use.
        var used = DataSets.Expected.Where(e => !e.UsedBy.StartsWith("none", StringComparison.Ordinal)).Select(e => e.RelativePath);
        Assert.Equal(TestData.All.Order(), used.Order());
    }

    [Fact]
    public void A_symbolic_link_to_nothing_is_missing_naming_its_target()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.File("a9a"));
        File.CreateSymbolicLink(tmp.File("a9a/a9a.gz"), "/nonexistent/a9a.gz");
        var outcome = CliRunner.Run("data", "check", "--data", tmp.Path);
        Assert.Equal(0, outcome.ExitCode);
        var line = outcome.Stdout[outcome.Stdout.IndexOf("a9a/a9a.gz ", StringComparison.Ordinal)..];
        Assert.Contains(" missing ", line.Split('\n')[0]);
        Assert.Contains("a symbolic link to /nonexistent/a9a.gz, which is not there", outcome.Stdout);
    }

    [Fact]
    public void Data_alone_is_one_line_that_names_its_command()
    {
        var r = CliRunner.Run("data");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("prunadag data: error:", Assert.Single(r.StderrLines));
        Assert.Contains("Choose one of: check.", r.Stderr);
    }
}
