using System.Reflection;
using System.Runtime.Loader;

namespace PrunAdag.Interactive;

/// <summary>
/// Lets Plotly.NET (built against FSharp.Core 10.1) run in hosts that already loaded an older
/// FSharp.Core (dotnet-interactive 1.0.712001 and dotnet-repl 0.3.259 ship 10.0). The runtime refuses
/// to bind the higher version, raises the resolving events, and this answers them with the
/// FSharp.Core the process already has (Plotly.NET uses no FSharp.Core API newer than that).
/// It must be registered before any Plotly type is touched, which is why <see cref="KernelExtension.Load"/>
/// does it first, in a method that mentions no Plotly type.
/// </summary>
public static class FSharpCoreResolver
{
    private static int _registered;

    /// <summary>True once <see cref="Register"/> has run in this process.</summary>
    public static bool IsRegistered => Volatile.Read(ref _registered) == 1;

    /// <summary>Hooks <see cref="AssemblyLoadContext.Resolving"/> of the default context and <see cref="AppDomain.AssemblyResolve"/> (idempotent).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (_, name) => Resolve(name);
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(new AssemblyName(args.Name));
    }

    /// <summary>The FSharp.Core to use for a failed bind of <paramref name="requested"/>; null for any other assembly.</summary>
    internal static Assembly? Resolve(AssemblyName requested)
    {
        if (!string.Equals(requested.Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase)) return null;
        // Prefer the copy already loaded (any version): a second FSharp.Core would split its types in two.
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
        if (loaded is not null) return loaded;
        // None loaded yet: take the one shipped beside this package's dependencies, if any.
        string? dir = Path.GetDirectoryName(typeof(FSharpCoreResolver).Assembly.Location);
        string? candidate = dir is null ? null : Path.Combine(dir, "FSharp.Core.dll");
        return candidate is not null && File.Exists(candidate) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(candidate) : null;
    }
}
