namespace PrunAdag.Charts;

/// <summary>
/// <c>ToHtml()</c> / <c>SaveHtml(path)</c> on results, comparisons, pruning profiles and gradient
/// reports: full self-contained pages (plotly.js embedded once, no network), as <see cref="HtmlReport"/> builds them.
/// </summary>
public static class HtmlReportExtensions
{
    /// <summary>A self-contained HTML page of the run.</summary>
    public static string ToHtml(this MinimizationResult result) => HtmlReport.For(result).ToHtml();
    /// <summary>Saves <see cref="ToHtml(MinimizationResult)"/>; returns the full path.</summary>
    public static string SaveHtml(this MinimizationResult result, string path) => HtmlReport.For(result).SaveHtml(path);

    /// <summary>A self-contained HTML page of the comparison.</summary>
    public static string ToHtml(this Comparison comparison) => HtmlReport.For(comparison).ToHtml();
    /// <summary>Saves <see cref="ToHtml(Comparison)"/>; returns the full path.</summary>
    public static string SaveHtml(this Comparison comparison, string path) => HtmlReport.For(comparison).SaveHtml(path);

    /// <summary>A self-contained HTML page comparing the runs.</summary>
    public static string ToHtml(this IEnumerable<MinimizationResult> results) => HtmlReport.For(results).ToHtml();
    /// <summary>Saves <see cref="ToHtml(IEnumerable{MinimizationResult})"/>; returns the full path.</summary>
    public static string SaveHtml(this IEnumerable<MinimizationResult> results, string path) => HtmlReport.For(results).SaveHtml(path);

    /// <summary>A self-contained HTML page of the profile.</summary>
    public static string ToHtml(this PruningProfile profile) => HtmlReport.For(profile).ToHtml();
    /// <summary>Saves <see cref="ToHtml(PruningProfile)"/>; returns the full path.</summary>
    public static string SaveHtml(this PruningProfile profile, string path) => HtmlReport.For(profile).SaveHtml(path);

    /// <summary>A self-contained HTML page of the profiles, overlaid.</summary>
    public static string ToHtml(this IEnumerable<PruningProfile> profiles) => HtmlReport.For(profiles).ToHtml();
    /// <summary>Saves <see cref="ToHtml(IEnumerable{PruningProfile})"/>; returns the full path.</summary>
    public static string SaveHtml(this IEnumerable<PruningProfile> profiles, string path) => HtmlReport.For(profiles).SaveHtml(path);

    /// <summary>A self-contained HTML page of the gradient check.</summary>
    public static string ToHtml(this GradientCheckReport report) => HtmlReport.For(report).ToHtml();
    /// <summary>Saves <see cref="ToHtml(GradientCheckReport)"/>; returns the full path.</summary>
    public static string SaveHtml(this GradientCheckReport report, string path) => HtmlReport.For(report).SaveHtml(path);
}
