using System.Net;
using System.Text;
using PrunAdag.Experiments;

namespace PrunAdag.Cli.Commands;

/// <summary>The HTML report of a reproduction (tables only until the chart library is wired in).</summary>
internal static class ReproductionReport
{
    public static string ToHtml(ExperimentResults results, IReadOnlyList<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>prunAdag: ")
          .Append(WebUtility.HtmlEncode(results.Plan.Experiment)).Append("</title></head><body><pre>")
          .Append(WebUtility.HtmlEncode(ExperimentTables.ToMarkdown(results)));
        foreach (var n in notes) sb.Append(WebUtility.HtmlEncode("note: " + n)).Append('\n');
        sb.Append("</pre></body></html>");
        return sb.ToString();
    }
}
