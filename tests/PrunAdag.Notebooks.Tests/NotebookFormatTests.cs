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
