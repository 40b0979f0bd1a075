using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// Option factories that parse numbers with the invariant culture (so "0.01" means the same on every machine)
/// and check ranges at parse time, so a bad value is a one-line error naming the option.
/// </summary>
internal static class Options
{
    public static Option<string> File(string name, string description, bool required) => new(name)
    {
        Description = description, Required = required, HelpName = "FILE",
    };

    /// <summary>An optional double; null when absent.</summary>
    public static Option<double?> Double(string name, string description, Func<double, bool> valid, string rule, string helpName = "X") => new(name)
    {
        Description = description, HelpName = helpName,
        CustomParser = r => ParseDouble(r, name, valid, rule),
    };

    /// <summary>A double with a default shown in --help.</summary>
    public static Option<double> Double(string name, string description, double defaultValue, Func<double, bool> valid, string rule, string helpName = "X") => new(name)
    {
        Description = description, HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => ParseDouble(r, name, valid, rule) ?? defaultValue,
    };

    /// <summary>An optional int; null when absent.</summary>
    public static Option<int?> Int(string name, string description, int min, string helpName = "N") => new(name)
    {
        Description = description, HelpName = helpName,
        CustomParser = r => ParseInt(r, name, min),
    };

    /// <summary>An int with a default shown in --help.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, string helpName = "N") => new(name)
    {
        Description = description, HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => ParseInt(r, name, min) ?? defaultValue,
    };

    private static string Token(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";

    private static double? ParseDouble(ArgumentResult r, string name, Func<double, bool> valid, string rule)
    {
        string tok = Token(r);
        if (!double.TryParse(tok, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            r.AddError($"{name}: '{tok}' is not a number.");
            return null;
        }
        if (!valid(v))
        {
            r.AddError($"{name} {rule}; got {tok}.");
            return null;
        }
        return v;
    }

    private static int? ParseInt(ArgumentResult r, string name, int min)
    {
        string tok = Token(r);
        if (!int.TryParse(tok, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
        {
            r.AddError(System.Numerics.BigInteger.TryParse(tok, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? $"{name}: '{tok}' is outside the range of a 32-bit integer, {int.MinValue}..{int.MaxValue}."
                : $"{name}: '{tok}' is not an integer.");
            return null;
        }
        if (v < min)
        {
            r.AddError($"{name} must be ≥ {min}; got {tok}.");
            return null;
        }
        return v;
    }

    /// <summary>Formats a number for tables (4 significant digits, invariant culture).</summary>
    public static string G4(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
