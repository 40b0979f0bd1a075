using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;

namespace PrunAdag.Interactive;

/// <summary>
/// The notebook extension. The package's <c>interactive-extensions/dotnet/extension.dib</c> calls
/// <see cref="Load"/> when <c>#r "nuget:PrunAdag.Interactive"</c> runs; calling it again is harmless.
/// </summary>
public static class KernelExtension
{
    /// <summary>
    /// Registers the FSharp.Core resolver, the text/html and text/plain formatters of results,
    /// comparisons, pruning profiles, test problems and gradient reports, and the <c>#!prunadag</c>
    /// magic command on <paramref name="kernel"/>'s root kernel.
    /// </summary>
    /// <param name="kernel">Any kernel of the session (the root kernel is used).</param>
    public static void Load(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        // First, before the JIT compiles anything that mentions a Plotly.NET type.
        FSharpCoreResolver.Register();
        LoadCore(kernel);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadCore(Kernel kernel)
    {
        Formatters.Register();
        var root = kernel.RootKernel;
        lock (Loaded)
        {
            if (Loaded.TryGetValue(root, out _)) return;
            Loaded.Add(root, new object());
        }
        PrunAdagMagicCommand.AddTo(root);
    }

    private static readonly ConditionalWeakTable<Kernel, object> Loaded = new();
}
