using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace PrunAdag.Notebooks.Tests;

/// <summary>One executed code cell: its index among the notebook's cells, its code and the events it produced.</summary>
public sealed record CellRun(int Index, string Code, IReadOnlyList<KernelEvent> Events, TimeSpan Elapsed)
{
    /// <summary>The command failed (a compile error or an exception).</summary>
    public CommandFailed? Failure => Events.OfType<CommandFailed>().FirstOrDefault();

    /// <summary>Every text/html output of the cell, in order.</summary>
    public string Html => Formatted("text/html");

    /// <summary>Every text/plain output of the cell, in order.</summary>
    public string Plain => Formatted("text/plain");

    /// <summary>Every text/markdown output of the cell, in order.</summary>
    public string Markdown => Formatted("text/markdown");

    private string Formatted(string mime) => string.Join("\n",
        Events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).Where(v => v.MimeType == mime).Select(v => v.Value));
}

/// <summary>
/// Executes a notebook of notebooks/ cell by cell in a fresh CompositeKernel with a C# kernel, as a host does.
/// The package cell <c>#r "nuget:PrunAdag.Interactive"</c> is replaced by what the package brings: references to
/// the built assemblies, then the package's extension.dib (so no NuGet restore or packing is needed here).
/// Execution stops at the first failing cell.
/// </summary>
public sealed class NotebookRun : IDisposable
{
    public const string PackageLine = "#r \"nuget:PrunAdag.Interactive\"";

    private NotebookRun(string name, CompositeKernel kernel, InteractiveDocument document, List<CellRun> cells, TimeSpan elapsed)
    {
        Name = name; Kernel = kernel; Document = document; Cells = cells; Elapsed = elapsed;
    }

    public string Name { get; }
    public CompositeKernel Kernel { get; }
    public InteractiveDocument Document { get; }
    public IReadOnlyList<CellRun> Cells { get; }
    public TimeSpan Elapsed { get; }

    /// <summary>The first failing cell, or null when every cell ran.</summary>
    public CellRun? FirstFailure => Cells.FirstOrDefault(c => c.Failure is not null);

    /// <summary>A variable of the C# kernel, read with its value-sharing API.</summary>
    public T Value<T>(string name)
    {
        var csharp = (CSharpKernel)Kernel.FindKernelByName("csharp")!;
        Assert.True(csharp.TryGetValue<T>(name, out var value), $"{Name}: the notebook defines no variable '{name}' of type {typeof(T).Name}.");
        return value!;
    }

    /// <summary>The notebooks folder copied beside the test assembly.</summary>
    public static string NotebooksDirectory => Path.Combine(AppContext.BaseDirectory, "notebooks");

    public static InteractiveDocument Parse(string fileName) =>
        Notebook.Parse(File.ReadAllText(Path.Combine(NotebooksDirectory, fileName)), new KernelInfoCollection { new("csharp"), new("markdown") });

    public static async Task<NotebookRun> ExecuteAsync(string fileName)
    {
        var document = Parse(fileName);
        var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers().UseValueSharing() };
        kernel.DefaultKernelName = "csharp";
        var cells = new List<CellRun>();
        var total = Stopwatch.StartNew();
        for (int i = 0; i < document.Elements.Count; i++)
        {
            var element = document.Elements[i];
            if (element.KernelName == "markdown") continue;
            string code = element.Contents;
            var clock = Stopwatch.StartNew();
            var events = new List<KernelEvent>();
            if (code.Contains(PackageLine, StringComparison.Ordinal))
            {
                events.AddRange((await kernel.SendAsync(new SubmitCode(code.Replace(PackageLine, AssemblyReferences(), StringComparison.Ordinal)))).Events);
                if (!events.OfType<CommandFailed>().Any())
                    events.AddRange((await kernel.SendAsync(new SubmitCode(ExtensionCode()))).Events);
            }
            else
            {
                events.AddRange((await kernel.SendAsync(new SubmitCode(code))).Events);
            }
            var run = new CellRun(i, code, events, clock.Elapsed);
            cells.Add(run);
            if (run.Failure is not null) break;
        }
        var result = new NotebookRun(fileName, kernel, document, cells, total.Elapsed);
        result.WriteLog();
        return result;
    }

    /// <summary>
    /// When PRUNADAG_NOTEBOOK_LOG names a folder, writes NAME.log there: each code cell's time and text/plain
    /// outputs (to read what a notebook computed without a front end).
    /// </summary>
    private void WriteLog()
    {
        string? folder = Environment.GetEnvironmentVariable("PRUNADAG_NOTEBOOK_LOG");
        if (string.IsNullOrWhiteSpace(folder)) return;
        Directory.CreateDirectory(folder);
        using var w = new StreamWriter(Path.Combine(folder, Path.GetFileNameWithoutExtension(Name) + ".log"));
        w.WriteLine($"{Name}: {Elapsed.TotalSeconds:0.0} s");
        foreach (var c in Cells)
        {
            w.WriteLine($"--- cell {c.Index} ({c.Elapsed.TotalSeconds:0.00} s){(c.Failure is { } f ? " FAILED: " + f.Message : "")}");
            w.WriteLine(c.Plain);
            if (c.Markdown.Length > 0) w.WriteLine(c.Markdown);
        }
    }

    /// <summary>What <c>#r "nuget:PrunAdag.Interactive"</c> references: the three libraries and MathNet.</summary>
    private static string AssemblyReferences() => string.Join("\n",
        new[] { typeof(MinimizationResult), typeof(Charts.HtmlReport), typeof(Interactive.KernelExtension), typeof(MathNet.Numerics.LinearAlgebra.Vector<>) }
            .Select(t => $"#r \"{t.Assembly.Location}\""));

    /// <summary>The C# of the package's extension.dib (what the host runs after the reference).</summary>
    private static string ExtensionCode()
    {
        string dib = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "extension.dib"));
        return dib[(dib.IndexOf("#!csharp", StringComparison.Ordinal) + "#!csharp".Length)..];
    }

    public void Dispose() => Kernel.Dispose();
}

/// <summary>Runs one notebook once for all the tests of a class.</summary>
public abstract class NotebookFixture(string fileName) : IAsyncLifetime
{
    private NotebookRun? _run;

    public NotebookRun Run => _run ?? throw new InvalidOperationException("The notebook has not run.");

    public async Task InitializeAsync() => _run = await NotebookRun.ExecuteAsync(fileName);

    public Task DisposeAsync()
    {
        _run?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Asserts every code cell ran, naming the failing cell and its message otherwise.</summary>
    public void AssertRanToTheEnd()
    {
        var failed = Run.FirstFailure;
        Assert.True(failed is null, $"{fileName}: cell {failed?.Index} failed: {failed?.Failure?.Message}\n--- code ---\n{failed?.Code}");
        int codeCells = Run.Document.Elements.Count(e => e.KernelName != "markdown");
        Assert.Equal(codeCells, Run.Cells.Count);
    }

    /// <summary>
    /// For a notebook that falls back to a synthetic stand-in without MNIST, when the tests found MNIST: asserts that the
    /// notebook found it too ("haveMnist") and built <paramref name="mnistProblem"/>.
    /// </summary>
    public void AssertItTrainedOnMnist(string mnistProblem)
    {
        AssertRanToTheEnd();
        Assert.True(Run.Value<bool>("haveMnist"),
            "The notebook did not find mnist/t10k-images-idx3-ubyte.gz although the tests did "
            + $"(it fell back to the synthetic stand-in; data folder found: {Run.Value<string?>("dataFolder") ?? "none"}).");
        Assert.Equal(mnistProblem, Run.Value<PrunAdag.Problems.TestProblem>("problem").Name);
    }

    /// <summary>
    /// For a notebook that falls back to a synthetic stand-in without MNIST: asserts that its "haveMnist" choice picked
    /// <paramref name="mnistProblem"/> or <paramref name="syntheticProblem"/> accordingly, and that the output of the cell
    /// that creates the problem says "MNIST not found" exactly when it fell back. Returns whether it had MNIST.
    /// </summary>
    public bool AssertItSaysWhichDataItUsed(string mnistProblem, string syntheticProblem)
    {
        AssertRanToTheEnd();
        bool haveMnist = Run.Value<bool>("haveMnist");
        var problemCell = Run.Cells.Single(c => c.Code.Contains("var problem = ", StringComparison.Ordinal));
        Assert.Equal(haveMnist ? mnistProblem : syntheticProblem, Run.Value<PrunAdag.Problems.TestProblem>("problem").Name);
        if (haveMnist)
        {
            Assert.DoesNotContain("MNIST not found", problemCell.Plain);
            Assert.DoesNotContain("SYNTHETIC stand-in", problemCell.Plain);
        }
        else
            Assert.Contains("MNIST not found", problemCell.Plain);
        return haveMnist;
    }
}
