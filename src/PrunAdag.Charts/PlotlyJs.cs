using System.Reflection;

namespace PrunAdag.Charts;

/// <summary>
/// The copy of plotly.js that Plotly.NET carries as an embedded resource. Reports embed this copy
/// inline, so charts render with no network (never a CDN).
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<(string Version, string Source)> Resource = new(Load);

    /// <summary>The plotly.js version, e.g. "2.28.0".</summary>
    public static string Version => Resource.Value.Version;

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Resource.Value.Source;

    /// <summary>
    /// One <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c> (unless the page already has it).
    /// plotly.js's UMD wrapper registers itself as an AMD module instead of setting window.Plotly when
    /// the page has require.js (<c>define.amd</c>), and as a CommonJS module when <c>module</c>/<c>exports</c>
    /// exist; the wrapper function's parameters shadow those three names, so plotly.js always falls
    /// through to its browser-global branch.
    /// </summary>
    public static string ScriptTag => Tag.Value;

    private static readonly Lazy<string> Tag = new(BuildScriptTag);

    private static string BuildScriptTag() =>
        "<script type=\"text/javascript\">/* plotly.js " + Version + " embedded by PrunAdag.Charts (offline) */\n" +
        "if (!window.Plotly) { (function (define, module, exports) {\n" + Source + "\n}).call(window); }\n</script>";

    private static (string, string) Load()
    {
        var asm = typeof(Plotly.NET.GenericChart).Assembly;
        string? name = asm.GetManifestResourceNames()
            .FirstOrDefault(n => n.Contains("plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        if (name is null)
            throw new InvalidOperationException($"{asm.GetName().Name} {asm.GetName().Version} carries no embedded plotly-*.min.js resource; offline charts need it.");
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        string source = reader.ReadToEnd();
        // A literal "</script" would end the inline element early; "<\/" means the same in JavaScript.
        source = source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        int start = name.IndexOf("plotly-", StringComparison.Ordinal) + "plotly-".Length;
        string version = name[start..name.IndexOf(".min.js", StringComparison.Ordinal)];
        return (version, source);
    }
}
