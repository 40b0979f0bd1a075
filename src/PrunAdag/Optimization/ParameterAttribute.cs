namespace PrunAdag;

/// <summary>
/// Marks a property of a <see cref="MinimizerOptions"/> record as a method parameter: its name on the
/// command line and in the <c>#!prunadag</c> magic command, its description, and its valid range. The
/// record's setter validates against the same range (<see cref="MinimizerOptions"/>), so each fact is
/// written once; the command line, the magic command, <c>--help</c> and the result files derive from it
/// (<see cref="Method.Parameters"/>).
/// </summary>
/// <param name="name">The option name without dashes, lower case with hyphens (e.g. <c>sigma0</c>, <c>max-iter</c>).</param>
/// <param name="description">One sentence for <c>--help</c>, without the default or the range (help appends both).</param>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ParameterAttribute(string name, string description) : Attribute
{
    /// <summary>The option name without dashes.</summary>
    public string Name { get; } = name;

    /// <summary>One sentence for <c>--help</c>.</summary>
    public string Description { get; } = description;

    /// <summary>The paper's symbol (ς, η, τ, β, T, δ), shown in messages; empty when the paper has none.</summary>
    public string Symbol { get; init; } = "";

    /// <summary>Smallest valid value (numbers only); −∞ when unbounded.</summary>
    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>Largest valid value (numbers only); +∞ when unbounded.</summary>
    public double Max { get; init; } = double.PositiveInfinity;

    /// <summary>True when <see cref="Min"/> itself is not valid.</summary>
    public bool MinExclusive { get; init; }

    /// <summary>True when <see cref="Max"/> itself is not valid.</summary>
    public bool MaxExclusive { get; init; }

    /// <summary>The range in words when the numbers alone do not say it (e.g. "in 1..n"); empty to derive it from Min/Max.</summary>
    public string RangeText { get; init; } = "";

    /// <summary>False for parameters that only make sense through the API (e.g. which iterates to keep in memory).</summary>
    public bool CommandLine { get; init; } = true;
}
