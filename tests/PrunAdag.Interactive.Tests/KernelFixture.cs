using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace PrunAdag.Interactive.Tests;

/// <summary>A fresh in-process notebook: a CompositeKernel with a C# kernel, the extension loaded as the package's extension.dib loads it.</summary>
internal static class Kernels
{
    /// <param name="notebookFrontEnd">
    /// True: the session has an HTML notebook front end that replaces displays in place, as Jupyter and VS Code
    /// do. False: .NET Interactive's default automation environment, as in dotnet-repl's --run.
    /// </param>
    public static async Task<CompositeKernel> CreateAsync(bool notebookFrontEnd = true)
    {
        var kernel = new CompositeKernel { new CSharpKernel() };
        kernel.DefaultKernelName = "csharp";
        if (notebookFrontEnd) kernel.FrontendEnvironment = new NotebookFrontEnd();
        // What #r "nuget:PrunAdag.Interactive" does before running extension.dib: reference the assemblies.
        var refs = string.Join("\n", new[] { typeof(MinimizationResult), typeof(Charts.HtmlReport), typeof(KernelExtension), typeof(MathNet.Numerics.LinearAlgebra.Vector<>) }
            .Select(t => $"#r \"{t.Assembly.Location}\""));
        await SubmitOk(kernel, refs);
        string dib = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "extension.dib"));
        string code = dib[(dib.IndexOf("#!csharp", StringComparison.Ordinal) + "#!csharp".Length)..];
        await SubmitOk(kernel, code);
        return kernel;
    }

    public static async Task<KernelCommandResult> SubmitOk(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, $"Submission failed: {failed?.Message}\n--- code ---\n{code}");
        return result;
    }

    public static string Html(IEnumerable<KernelEvent> events) =>
        string.Join("\n", events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).Where(v => v.MimeType == "text/html").Select(v => v.Value));

    public static string Plain(IEnumerable<KernelEvent> events) =>
        string.Join("\n", events.OfType<DisplayEvent>().SelectMany(e => e.FormattedValues).Where(v => v.MimeType == "text/plain").Select(v => v.Value));
}

/// <summary>A front end that updates displays in place (the kernel side of Jupyter's and VS Code's).</summary>
internal sealed class NotebookFrontEnd : FrontendEnvironment;
