using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace PrunAdag;

/// <summary>
/// Validates a parameter value against the range its <see cref="ParameterAttribute"/> declares, so the
/// options records, the command line and the help text share one statement of every range.
/// </summary>
internal static class ParameterRules
{
    private static readonly ConcurrentDictionary<(Type, string), ParameterAttribute> s_attributes = new();

    public static ParameterAttribute Attribute(Type declaring, string property) => s_attributes.GetOrAdd((declaring, property), key =>
        key.Item1.GetProperty(key.Item2, BindingFlags.Public | BindingFlags.Instance)?.GetCustomAttribute<ParameterAttribute>()
        ?? throw new InvalidOperationException($"{key.Item1.Name}.{key.Item2} has no [Parameter] attribute."));

    /// <summary>Returns <paramref name="value"/> when it is valid for the property, else throws naming the property and the range.</summary>
    public static T Check<T>(Type declaring, string property, T value)
    {
        var p = Attribute(declaring, property);
        bool ok = value switch
        {
            null => true, // optional parameters: null means "the default rule" (documented on the property)
            double d => double.IsFinite(d) && InRange(p, d),
            int i => InRange(p, i),
            TimeSpan t => t > TimeSpan.Zero,
            Enum e => Enum.IsDefined(e.GetType(), e),
            _ => true,
        };
        if (ok) return value;
        string got = value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "null";
        throw new ArgumentOutOfRangeException(property, value, $"{Label(property, p)} must be {RangeText(p, typeof(T))}; got {got}.");
    }

    public static string Label(string property, ParameterAttribute p) => p.Symbol.Length > 0 ? $"{property} ({p.Symbol})" : property;

    private static bool InRange(ParameterAttribute p, double v) =>
        (p.MinExclusive ? v > p.Min : v >= p.Min) && (p.MaxExclusive ? v < p.Max : v <= p.Max);

    /// <summary>The range as a phrase: "in (0, 1)", "≥ 0", "finite and > 0", "one of V1, V2, V3, V4", "positive".</summary>
    public static string RangeText(ParameterAttribute p, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (p.RangeText is { Length: > 0 } custom) return custom;
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t));
        if (t == typeof(TimeSpan)) return "positive";
        if (t == typeof(bool)) return "true or false";
        static string N(double v) => v.ToString(CultureInfo.InvariantCulture);
        bool lo = double.IsFinite(p.Min), hi = double.IsFinite(p.Max);
        string finite = t == typeof(double) ? "finite and " : "";
        if (lo && hi) return $"in {(p.MinExclusive ? "(" : "[")}{N(p.Min)}, {N(p.Max)}{(p.MaxExclusive ? ")" : "]")}";
        if (lo) return $"{finite}{(p.MinExclusive ? ">" : "≥")} {N(p.Min)}";
        if (hi) return $"{finite}{(p.MaxExclusive ? "<" : "≤")} {N(p.Max)}";
        return t == typeof(double) ? "finite" : "any value";
    }
}
