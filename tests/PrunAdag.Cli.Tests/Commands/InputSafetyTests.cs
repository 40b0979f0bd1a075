using System.IO.Compression;
using System.Text;
using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

/// <summary>
/// The command line checks before it works and never destroys its input: an output that is the input, an
/// unwritable output, a folder given as a file, sizes that cannot be allocated, empty or repeated lists, and
/// broken data or JSON files are each one line on stderr with exit 2, found before any run, leaving nothing behind.
/// </summary>
public class InputSafetyTests
{
    private static void AssertUserError(CliRunner.Outcome outcome, params string[] fragments)
    {
        Assert.True(outcome.ExitCode == 2, $"exit {outcome.ExitCode}; stderr: {outcome.Stderr}");
        var line = Assert.Single(outcome.StderrLines);
        foreach (var f in fragments) Assert.Contains(f, line);
        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.DoesNotContain(".tmp", line); // never an internal temporary file
    }

    private static CliRunner.Outcome Run(string problem, string output) =>
        CliRunner.Run("run", "--problem", problem, "--method", "v3", "--max-iter", "5", "--output", output);

    public static TheoryData<string> SameFileSpellings => new() { "{0}", "{1}/./problem.json", "{1}/sub/../problem.json", "link.json", "linkdir/problem.json" };

    [Theory, MemberData(nameof(SameFileSpellings))]
    public void An_output_that_is_the_problem_file_is_refused_before_running_and_the_problem_is_kept(string spelling)
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        Directory.CreateDirectory(tmp.File("sub"));
        File.CreateSymbolicLink(tmp.File("link.json"), problem);
        Directory.CreateSymbolicLink(tmp.File("linkdir"), tmp.Path);
        byte[] before = File.ReadAllBytes(problem);
        string output = spelling.StartsWith('{') ? string.Format(spelling, problem, tmp.Path) : tmp.File(spelling);
        var outcome = Run(problem, output);
        AssertUserError(outcome, "--output", output, "same file as --problem", problem);
        Assert.Equal("", outcome.Stdout); // refused before the run
        Assert.Equal(before, File.ReadAllBytes(problem));
        Assert.Equal(problem, new FileInfo(tmp.File("link.json")).LinkTarget);
    }

    [Fact]
    public void A_relative_output_spelling_of_the_problem_is_refused()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string cwd = Directory.GetCurrentDirectory();
        string relative = Path.GetRelativePath(cwd, problem);
        AssertUserError(Run(problem, relative), "--output", relative, "same file as --problem");
    }

    [Fact]
    public void An_output_that_is_a_folder_is_found_before_running_and_named()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        var outcome = Run(problem, tmp.Path);
        AssertUserError(outcome, "--output", tmp.Path, "is a folder");
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void An_output_that_is_a_symbolic_link_writes_its_target_and_keeps_the_link()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        File.WriteAllText(tmp.File("target.json"), "old");
        File.CreateSymbolicLink(tmp.File("latest.json"), "target.json");
        File.CreateSymbolicLink(tmp.File("dangling.json"), "new.json");
        Assert.Equal(0, Run(problem, tmp.File("latest.json")).ExitCode);
        Assert.Equal("target.json", new FileInfo(tmp.File("latest.json")).LinkTarget);
        Assert.Contains("\"method\": \"v3\"", File.ReadAllText(tmp.File("target.json")));
        Assert.Equal(0, Run(problem, tmp.File("dangling.json")).ExitCode); // a link to a file not there yet: the file is created
        Assert.Equal("new.json", new FileInfo(tmp.File("dangling.json")).LinkTarget);
        Assert.Contains("\"method\": \"v3\"", File.ReadAllText(tmp.File("new.json")));
        File.CreateSymbolicLink(tmp.File("nowhere.json"), "missing/x.json");
        AssertUserError(Run(problem, tmp.File("nowhere.json")), "--output", "is a symbolic link to", "does not exist");
    }

    [SkippableFact]
    public void An_output_that_is_a_named_pipe_takes_the_result_and_stays_a_pipe()
    {
        // A FIFO stands for every file that is not a regular one (/dev/null, /dev/stdout): none may be replaced by a file.
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/usr/bin/mkfifo"), "needs mkfifo");
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp), fifo = tmp.File("pipe");
        using (var mk = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [fifo])!) mk.WaitForExit();
        var reader = Task.Run(() => File.ReadAllText(fifo)); // opening a FIFO waits for its writer
        var outcome = Run(problem, fifo);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.True(reader.Wait(TimeSpan.FromSeconds(60)), "the reader got no end of file");
        Assert.Contains("\"method\": \"v3\"", reader.Result);
        using var test = System.Diagnostics.Process.Start("/usr/bin/test", ["-p", fifo])!;
        test.WaitForExit();
        Assert.Equal(0, test.ExitCode); // still a named pipe
    }

    [SkippableFact]
    public void An_output_under_proc_is_found_before_running_and_named()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc (a file system that takes no new files)");
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        var outcome = Run(problem, "/proc/x.json");
        AssertUserError(outcome, "--output /proc/x.json", "cannot write a file in the folder '/proc'");
        Assert.Equal("", outcome.Stdout);
    }

    [SkippableFact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_output_folder_without_write_permission_is_found_before_running_and_named()
    {
        Skip.If(OperatingSystem.IsWindows(), "uses Unix file modes");
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string locked = Directory.CreateDirectory(tmp.File("locked")).FullName;
        File.SetUnixFileMode(tmp.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(problem, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(locked, (UnixFileMode)0b101_101_101); // r-x for everyone
        try
        {
            string output = Path.Combine(locked, "r.json");
            string[] args = ["run", "--problem", problem, "--method", "v3", "--max-iter", "5", "--output", output];
            CliRunner.Outcome outcome;
            if (!Environment.IsPrivilegedProcess) outcome = CliRunner.Run(args);
            else
            {
                // Root may write whatever the mode says: run the tool as the unprivileged user "nobody" instead,
                // from a copy of the test binaries that nobody can read (the checkout's folder may be private).
                string tool = tmp.File("tool");
                CopyFolder(AppContext.BaseDirectory, tool);
                string dll = Path.Combine(tool, Path.GetFileName(typeof(Program).Assembly.Location));
                outcome = AsNobody(dll, ["--version"]);
                Skip.If(outcome.ExitCode != 0, $"running as root and cannot run the tool as nobody through setpriv: {outcome.Stderr}");
                outcome = AsNobody(dll, args);
            }
            AssertUserError(outcome, "--output", output, "permission denied");
            Assert.Equal("", outcome.Stdout);
        }
        finally { File.SetUnixFileMode(locked, (UnixFileMode)0b111_101_101); }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from)) CopyFolder(d, Path.Combine(to, Path.GetFileName(d)));
    }

    private static CliRunner.Outcome AsNobody(string dll, string[] args)
    {
        if (!File.Exists("/usr/bin/setpriv")) return new CliRunner.Outcome(-1, "", "/usr/bin/setpriv not found");
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/setpriv")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp",
                     "dotnet", dll, .. args])
            psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEndAsync().Result, stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000)) { p.Kill(); return new CliRunner.Outcome(-1, stdout, "timed out"); }
        return new CliRunner.Outcome(p.ExitCode, stdout.Replace("\r\n", "\n"), stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_problem_that_is_a_folder_says_it_is_a_folder()
    {
        using var tmp = new TempFolder();
        AssertUserError(Run(tmp.Path, tmp.File("r.json")), "--problem", tmp.Path, "is a folder, not a file");
        string problem = SmallProblem.SaveTo(tmp);
        AssertUserError(CliRunner.Run("prune", "--problem", tmp.Path, "--result", problem), "--problem", "is a folder");
        AssertUserError(CliRunner.Run("prune", "--problem", problem, "--result", tmp.Path), "--result", "is a folder");
    }

    [Theory]
    [InlineData("100000", "100000")]
    [InlineData("1", "2147483647")]
    [InlineData("20000", "20000")]
    public void A_demo_too_large_to_allocate_names_the_options_and_the_largest_size(string m, string n)
    {
        var outcome = CliRunner.Run("demo", "--m", m, "--n", n);
        AssertUserError(outcome, $"--m {m} --n {n}", "m·n ≤ 268435456");
    }

    [Theory]
    [InlineData("--methods", "", "--methods: the list is empty")]
    [InlineData("--methods", " , ", "--methods: the list is empty")]
    [InlineData("--methods", "v1,v1", "'v1' is listed twice")]
    [InlineData("--methods", "v1,V1", "'V1' is listed twice")]
    [InlineData("--methods", "v1,,v3", "item 2 of 'v1,,v3' is empty")]
    [InlineData("--problems", "", "--problems: the list is empty")]
    [InlineData("--problems", "random-ls:A1,random-ls:a1", "'random-ls:a1' is listed twice")]
    public void Reproduce_refuses_empty_and_repeated_lists(string option, string value, string expected)
    {
        using var tmp = new TempFolder();
        var outcome = CliRunner.Run("reproduce", "least-squares", option, value, "--seeds", "1", "--max-iter", "2", "--out", tmp.File("out"));
        AssertUserError(outcome, expected);
        Assert.False(Directory.Exists(tmp.File("out")));
    }

    private static string A9aFolder(TempFolder tmp, byte[] a9a)
    {
        string data = tmp.File("data");
        Directory.CreateDirectory(Path.Combine(data, "a9a"));
        File.WriteAllBytes(Path.Combine(data, "a9a", "a9a.gz"), a9a);
        return data;
    }

    private static byte[] SmallA9aGz()
    {
        // 300 rows in a9a's format (123 binary features), gzip'd: enough for the problem to build.
        var sb = new StringBuilder();
        var rng = new Random(5);
        for (int i = 0; i < 300; i++)
        {
            sb.Append(i % 3 == 0 ? "+1" : "-1");
            foreach (int f in Enumerable.Range(1, 123).Where(_ => rng.Next(10) == 0)) sb.Append(' ').Append(f).Append(":1");
            sb.Append(" \n");
        }
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(Encoding.ASCII.GetBytes(sb.ToString()));
        return ms.ToArray();
    }

    [Fact]
    public void A_stand_in_a9a_file_runs_so_the_failures_below_are_the_files_fault()
    {
        using var tmp = new TempFolder();
        string data = A9aFolder(tmp, SmallA9aGz());
        var outcome = CliRunner.Run("reproduce", "classification", "--problems", "classification:a9a", "--data", data,
            "--methods", "v3", "--seeds", "1", "--max-iter", "3", "--jobs", "1", "--out", tmp.File("out"));
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.True(File.Exists(tmp.File("out/results.csv")));
    }

    [Theory]
    [InlineData("empty", "a9a.gz: byte offset 0: the file is empty (0 bytes).")]
    [InlineData("cut", "the file is truncated")]
    public void A_broken_data_file_is_exit_2_with_one_line_and_leaves_no_partial_results(string damage, string expected)
    {
        using var tmp = new TempFolder();
        byte[] good = SmallA9aGz();
        string data = A9aFolder(tmp, damage == "empty" ? [] : good[..(good.Length / 2)]);
        string outDir = tmp.File("out");
        var outcome = CliRunner.Run("reproduce", "classification", "--problems", "classification:a9a", "--data", data,
            "--methods", "v3,adagrad", "--seeds", "2", "--max-iter", "3", "--jobs", "2", "--out", outDir);
        AssertUserError(outcome, "prunadag reproduce classification: error:", Path.Combine(data, "a9a", "a9a.gz"), expected);
        Assert.False(Directory.Exists(outDir), "the output folder was created for this run and must not stay behind");
    }

    [Fact]
    public void A_broken_data_file_under_reproduce_figures_is_exit_2_with_one_line_and_leaves_no_folder()
    {
        // Its runs go through Parallel.For: the reader's own exception comes out, not an AggregateException.
        using var tmp = new TempFolder();
        byte[] good = SmallA9aGz();
        string data = A9aFolder(tmp, good[..(good.Length / 2)]), outDir = tmp.File("out");
        var outcome = CliRunner.Run("reproduce", "figures", "--figure", "a9a-ties", "--data", data, "--seeds", "2", "--max-iter", "3",
            "--jobs", "2", "--out", outDir);
        AssertUserError(outcome, "prunadag reproduce figures: error:", Path.Combine(data, "a9a", "a9a.gz"), "the file is truncated");
        Assert.DoesNotContain("AggregateException", outcome.Stderr);
        Assert.False(Directory.Exists(outDir), "the output folder was created for this run and must not stay behind");
    }

    [Theory]
    [InlineData("least-squares", "A1")]
    [InlineData("sparco", "3")]
    [InlineData("classification", "classification:synthetic")]
    public void The_paper_families_refuse_masked_adam_before_any_run(string family, string problem)
    {
        using var tmp = new TempFolder();
        var outcome = CliRunner.Run("reproduce", family, "--problems", problem, "--methods", "v3,masked-adam", "--seeds", "1",
            "--max-iter", "3", "--out", tmp.File("out"));
        AssertUserError(outcome, $"prunadag reproduce {family}: error:", "masked-adam", "neural experiment only", "v1, v2, v3");
        Assert.Equal("", outcome.Stdout); // nothing ran
        Assert.DoesNotContain("masked-adam", CliRunner.Run("reproduce", family, "--help").Stdout.Split("--methods")[1].Split('\n')[0]);
    }

    [Fact]
    public void A_problem_with_some_of_its_data_files_runs_its_stand_in_and_the_note_names_the_missing_ones()
    {
        using var tmp = new TempFolder();
        string data = tmp.File("data");
        Directory.CreateDirectory(Path.Combine(data, "mnist"));
        File.WriteAllBytes(Path.Combine(data, "mnist", "t10k-images-idx3-ubyte.gz"), [1, 2, 3]); // never read: its labels are missing
        var outcome = CliRunner.Run("reproduce", "classification", "--problems", "mnist", "--data", data, "--methods", "v3",
            "--seeds", "1", "--max-iter", "3", "--jobs", "1", "--out", tmp.File("out"));
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("classification:mnist: data not found", outcome.Stdout);
        Assert.Contains("mnist/t10k-labels-idx1-ubyte.gz", outcome.Stdout);
        Assert.DoesNotContain("no mnist/t10k-images", outcome.Stdout);
        Assert.Contains("classification:synthetic", File.ReadAllText(tmp.File("out/results.csv")));
    }

    [Fact]
    public void All_with_another_figure_check_is_refused()
    {
        AssertUserError(CliRunner.Run("reproduce", "figures", "--figure", "all,fig1"), "--figure", "'all' already names every check");
    }

    [Fact]
    public void A_repeated_sigmas_list_is_an_error_not_the_last_one()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp), result = tmp.File("r.json");
        Assert.Equal(0, Run(problem, result).ExitCode);
        var outcome = CliRunner.Run("prune", "--problem", problem, "--result", result, "--sigmas", "10", "--sigmas", "20");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--sigmas", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void A_broken_data_file_in_an_existing_output_folder_removes_only_the_partial_file()
    {
        using var tmp = new TempFolder();
        string data = A9aFolder(tmp, []);
        string outDir = Directory.CreateDirectory(tmp.File("out")).FullName;
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "a file of the user's");
        var outcome = CliRunner.Run("reproduce", "classification", "--problems", "classification:a9a", "--data", data,
            "--seeds", "1", "--max-iter", "3", "--out", outDir);
        AssertUserError(outcome, "the file is empty");
        Assert.Equal(["keep.txt"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    // JSON strings with a lone UTF-16 surrogate escape: as a value, as a key, in a problem file and in a result file.
    private const string Problem = "{\"kind\":\"least-squares\",\"A\":[[1,2,3],[4,5,6]],\"b\":[1,2],\"x0\":[0.1,0,0]}";

    [Theory]
    [InlineData("\"kind\":\"least-squares\"", "\"kind\":\"least-squares\\ud800\"", "a string value", "\\ud800")]
    [InlineData("\"b\":", "\"x\\udc00y\":1,\"b\":", "a key", "\\udc00")]
    [InlineData("\"kind\":\"least-squares\"", "\"kind\":\"least-squares\",\"note\":\"\\ud83d\\u0041\"", "a string value", "\\ud83d")]
    public void A_problem_file_with_a_lone_surrogate_escape_is_exit_2_naming_the_file_and_offset(string find, string replace, string what, string escape)
    {
        using var tmp = new TempFolder();
        string json = Problem.Replace(find, replace);
        string problem = tmp.Write("problem.json", json);
        int offset = Encoding.UTF8.GetByteCount(json[..json.IndexOf(escape, StringComparison.Ordinal)]);
        AssertUserError(Run(problem, tmp.File("r.json")), problem, $"byte offset {offset}", what, escape, "lone UTF-16 surrogate");
    }

    [Fact]
    public void A_valid_surrogate_pair_escape_is_read()
    {
        using var tmp = new TempFolder();
        string problem = tmp.Write("problem.json", Problem.Replace("\"b\":", "\"note\":\"\\ud83d\\ude00 \\\\ud800 is text\",\"b\":"));
        Assert.Equal(0, Run(problem, tmp.File("r.json")).ExitCode);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("key")]
    public void A_result_file_with_a_lone_surrogate_escape_is_exit_2_naming_the_file_and_offset(string where)
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string result = tmp.File("r.json");
        Assert.Equal(0, Run(problem, result).ExitCode);
        string json = File.ReadAllText(result);
        json = where == "value" ? json.Replace("\"v3\"", "\"v3\\ud800\"") : json.Replace("\"method\"", "\"\\udbff\": 0, \"method\"");
        File.WriteAllText(result, json);
        AssertUserError(CliRunner.Run("prune", "--problem", problem, "--result", result), result, "byte offset", "lone UTF-16 surrogate", where == "value" ? "a string value" : "a key");
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_in_problem_and_result_files()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        File.WriteAllBytes(problem, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(problem)]);
        string result = tmp.File("r.json");
        Assert.Equal(0, Run(problem, result).ExitCode);
        File.WriteAllBytes(result, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(result)]);
        var prune = CliRunner.Run("prune", "--problem", problem, "--result", result);
        Assert.True(prune.ExitCode == 0, prune.Stderr);
    }

    [Fact]
    public void Positions_after_a_byte_order_mark_count_it()
    {
        // The BOM is 3 bytes of line 1, so a fault at the 2nd character of line 1 is byte 5.
        using var tmp = new TempFolder();
        string problem = tmp.File("problem.json");
        File.WriteAllBytes(problem, [0xEF, 0xBB, 0xBF, .. "{]"u8.ToArray()]);
        AssertUserError(Run(problem, tmp.File("r.json")), "malformed JSON at line 1, byte 5");
    }

    // reproduce's --out used to surface .NET's "The file '…' already exists." / "Could not find file '/proc/x'.", and
    // `reproduce figures` found out only after its runs, losing them.
    public static TheoryData<string[]> ReproduceCommands => new()
    {
        new[] { "reproduce", "least-squares", "--problems", "A1", "--methods", "v3", "--seeds", "1", "--max-iter", "3" },
        new[] { "reproduce", "neural", "--problems", "mnist-mlp-synthetic", "--hidden", "4", "--epochs", "2", "--methods", "v3", "--seeds", "1" },
        new[] { "reproduce", "figures", "--figure", "fig1", "--seeds", "1", "--max-iter", "3" },
    };

    [Theory, MemberData(nameof(ReproduceCommands))]
    public void A_reproduce_output_that_is_a_file_is_refused_before_any_run_and_kept(string[] command)
    {
        using var tmp = new TempFolder();
        string file = tmp.File("results");
        File.WriteAllText(file, "keep me");
        var outcome = CliRunner.Run([.. command, "--out", file]);
        AssertUserError(outcome, $"--out {file}: is a file, not a folder.");
        Assert.DoesNotContain(" runs in ", outcome.Stdout);
        Assert.DoesNotContain("runs (seeds", outcome.Stdout);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [SkippableTheory, MemberData(nameof(ReproduceCommands))]
    public void A_reproduce_output_under_proc_is_refused_before_any_run(string[] command)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc (a file system that takes no new files)");
        var created = CliRunner.Run([.. command, "--out", "/proc/prunadag-x"]);
        AssertUserError(created, "--out /proc/prunadag-x: cannot create the folder: the file system takes no new folders there.");
        var existing = CliRunner.Run([.. command, "--out", "/proc/sys"]);
        AssertUserError(existing, "--out /proc/sys/results.csv: cannot write a file in the folder '/proc/sys'");
        Assert.DoesNotContain("runs (seeds", created.Stdout + existing.Stdout);
    }

    [SkippableFact]
    public void A_dictionary_cache_that_cannot_be_created_is_refused_before_the_dictionary_is_learned()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux's /proc (a file system that takes no new files)");
        using var tmp = new TempFolder();
        var outcome = CliRunner.Run("reproduce", "sparse-coding", "--cache", "/proc/prunadag-cache", "--seeds", "1", "--max-iter", "1",
            "--methods", "v3", "--out", tmp.File("out"));
        AssertUserError(outcome, "--cache /proc/prunadag-cache: cannot create the folder");
        Assert.False(Directory.Exists(tmp.File("out")));
    }
}
