using System.Text.Json;

namespace PrunAdag.Notebooks.Tests;

/// <summary>What every committed notebook must look like (no execution).</summary>
public class NotebookFormatTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(NotebookRun.NotebooksDirectory, "*.ipynb").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void The_seven_tutorials_are_there()
    {
        Assert.Equal(new[]
        {
            "01-getting-started.ipynb", "02-optimisable-vs-decreasable.ipynb", "03-random-least-squares.ipynb",
            "04-sparse-signal-recovery.ipynb", "05-pruning-a-classifier.ipynb", "06-bring-your-own-objective.ipynb",
            "07-pruning-a-neural-network.ipynb",
        }, Directory.GetFiles(NotebookRun.NotebooksDirectory, "*.ipynb").Select(Path.GetFileName).Order());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_is_a_csharp_polyglot_notebook_committed_with_outputs_cleared(string fileName)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookRun.NotebooksDirectory, fileName)));
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var meta = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", meta.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", meta.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        foreach (var cell in root.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
        {
            Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_is_nbformat_4_5_with_a_unique_id_on_every_cell(string fileName)
    {
        // nbformat 4.5 requires cell ids; Jupyter warns about (and rewrites) notebooks without them.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(NotebookRun.NotebooksDirectory, fileName)));
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.True(root.GetProperty("nbformat_minor").GetInt32() >= 5, $"{fileName}: nbformat_minor < 5 has no cell ids");
        var ids = root.GetProperty("cells").EnumerateArray().Select(c => c.TryGetProperty("id", out var id) ? id.GetString() : null).ToArray();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", id ?? ""));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_cell_that_shows_a_run_live_does_not_show_it_again_as_its_value(string fileName)
    {
        // MinimizeLive's display becomes the result; a last line naming the same variable would display it twice.
        foreach (var e in NotebookRun.Parse(fileName).Elements.Where(e => e.KernelName != "markdown"))
        {
            var assigned = System.Text.RegularExpressions.Regex.Matches(e.Contents, @"var\s+(\w+)\s*=[^;]*MinimizeLive\(").Select(m => m.Groups[1].Value).ToHashSet();
            string last = e.Contents.TrimEnd().Split('\n')[^1].Trim();
            Assert.False(assigned.Contains(last), $"{fileName}: the cell shows '{last}' live and then again as its value:\n{e.Contents}");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void It_opens_with_markdown_and_loads_the_package_with_the_plain_nuget_line(string fileName)
    {
        var elements = NotebookRun.Parse(fileName).Elements;
        Assert.Equal("markdown", elements[0].KernelName);
        Assert.Contains("learn", elements[0].Contents, StringComparison.OrdinalIgnoreCase);
        var firstCode = elements.First(e => e.KernelName != "markdown");
        // eng/run-notebooks.sh swaps exactly this line for the local feed and version; users get the published package.
        Assert.Equal(NotebookRun.PackageLine, firstCode.Contents.Split('\n')[0].Trim());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Code_cells_stay_short(string fileName)
    {
        foreach (var e in NotebookRun.Parse(fileName).Elements.Where(e => e.KernelName != "markdown"))
        {
            int lines = e.Contents.Split('\n').Length;
            Assert.True(lines <= 20, $"{fileName}: a code cell has {lines} lines:\n{e.Contents}");
        }
    }
}
