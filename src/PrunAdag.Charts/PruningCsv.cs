using System.Globalization;
using System.Text;

namespace PrunAdag.Charts;

/// <summary>The long form of pruning profiles: one CSV row per profile and σ.</summary>
internal static class PruningCsvWriter
{
    /// <summary>The header row.</summary>
    public const string Header = "profile,sigma,achieved_sparsity,rho,omega,accuracy";

    /// <summary>
    /// RFC 4180 CSV with <see cref="Header"/>: σ and the achieved sparsity as fractions, every number in
    /// round-trip form ("R"), NaN as "NaN", a missing accuracy as an empty field.
    /// </summary>
    public static string Write(IEnumerable<PruningProfile> profiles)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var p in profiles)
            foreach (var q in p.Points)
                sb.Append(Quote(p.Label)).Append(',').Append(R(q.TargetSparsity)).Append(',').Append(R(q.AchievedSparsity))
                  .Append(',').Append(R(q.Rho)).Append(',').Append(R(q.Omega)).Append(',')
                  .Append(q.Accuracy is { } a ? R(a) : "").Append('\n');
        return sb.ToString();
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
