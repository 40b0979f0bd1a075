using System.Globalization;
using System.Reflection;

namespace PrunAdag;

/// <summary>
/// One parameter of a method, as its options record declares it (<see cref="ParameterAttribute"/>): the
/// command line, the <c>#!prunadag</c> magic command, <c>--help</c> and the result files are derived from these.
/// </summary>
public sealed class MethodParameter
{
    private readonly PropertyInfo _property;
    private readonly ParameterAttribute _attribute;

    internal MethodParameter(PropertyInfo property, ParameterAttribute attribute)
    {
        _property = property; _attribute = attribute;
        var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (t != typeof(int) && t != typeof(double) && t != typeof(bool) && t != typeof(TimeSpan) && !t.IsEnum)
            throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: a parameter must be an int, double, bool, TimeSpan or enum (or a nullable one); got {property.PropertyType.Name}.");
        if (property.SetMethod is null)
            throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: a parameter needs an init accessor.");
    }

    /// <summary>The option name without dashes (<c>--</c> + this on the command line and in the magic command).</summary>
    public string Name => _attribute.Name;

    /// <summary>The property of the options record (e.g. <c>Sigma0</c>).</summary>
    public string PropertyName => _property.Name;

    /// <summary>The key in a result file's "options" object: the property name in camelCase, with "Seconds" appended for times.</summary>
    public string FileKey => char.ToLowerInvariant(PropertyName[0]) + PropertyName[1..] + (ValueType == typeof(TimeSpan) ? "Seconds" : "");

    /// <summary>The paper's symbol, or empty.</summary>
    public string Symbol => _attribute.Symbol;

    /// <summary>One sentence for help text.</summary>
    public string Description => _attribute.Description;

    /// <summary>The value type (nullable types unwrapped).</summary>
    public Type ValueType => Nullable.GetUnderlyingType(_property.PropertyType) ?? _property.PropertyType;

    /// <summary>True when the parameter may be null (meaning: the rule its description states).</summary>
    public bool IsOptional => Nullable.GetUnderlyingType(_property.PropertyType) is not null;

    /// <summary>True for flags (bool parameters).</summary>
    public bool IsFlag => ValueType == typeof(bool);

    /// <summary>The valid values in words ("in (0, 1)", "≥ 0", "one of V1, V2, V3, V4").</summary>
    public string Range => ParameterRules.RangeText(_attribute, _property.PropertyType);

    /// <summary>False for parameters only the API sets.</summary>
    public bool CommandLine => _attribute.CommandLine;

    /// <summary>The value in <paramref name="options"/> (boxed; null for an unset optional parameter).</summary>
    public object? GetValue(MinimizerOptions options) => _property.GetValue(options ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>
    /// A copy of <paramref name="options"/> with this parameter set to <paramref name="value"/> (validated by the
    /// record, so a value out of range is an <see cref="ArgumentOutOfRangeException"/> naming the property).
    /// </summary>
    public MinimizerOptions WithValue(MinimizerOptions options, object? value)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_property.DeclaringType!.IsInstanceOfType(options))
            throw new ArgumentException($"{PropertyName} is not a parameter of {options.GetType().Name}.", nameof(options));
        var copy = (MinimizerOptions)s_clone.Invoke(options, null)!;
        try { _property.SetValue(copy, value); }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
        return copy;
    }

    // Every record has a compiler-generated public virtual "<Clone>$" (what `with` calls).
    private static readonly MethodInfo s_clone = typeof(MinimizerOptions).GetMethod("<Clone>$")
        ?? throw new InvalidOperationException("MinimizerOptions has no record clone method.");

    /// <summary>
    /// Parses <paramref name="text"/> as a value of this parameter (invariant culture; enums by name, case-insensitive;
    /// times in seconds; flags accept true/false) and checks its range.
    /// </summary>
    /// <exception cref="FormatException">The text is not a value of the parameter's type, or is out of range; the message names <c>--name</c>.</exception>
    public object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        object? value;
        if (ValueType == typeof(int))
            value = int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : throw Bad(NotAnInt(s));
        else if (ValueType == typeof(double))
            value = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw Bad("is not a number");
        else if (ValueType == typeof(bool))
            value = bool.TryParse(s, out bool b) ? b : throw Bad("is not true or false");
        else if (ValueType == typeof(TimeSpan))
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double sec) || !(sec > 0) || double.IsPositiveInfinity(sec))
                throw Bad("is not a positive number of seconds");
            // A TimeSpan counts ticks of 100 ns up to about 29 000 years: say which end a positive number falls off.
            if (sec < 1e-7) throw Bad("is below the clock's resolution of 100 ns (1e-7 s)");
            if (sec >= TimeSpan.MaxValue.TotalSeconds) throw Bad($"is above the longest time span, {TimeSpan.MaxValue.TotalSeconds:G3} s");
            value = TimeSpan.FromSeconds(sec);
        }
        else
            value = Enum.GetNames(ValueType).FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(ValueType, name) : throw Bad($"is not one of {string.Join(", ", Enum.GetNames(ValueType).Select(n => n.ToLowerInvariant()))}");
        try
        {
            // Validate through the same rule the record applies.
            typeof(ParameterRules).GetMethod(nameof(ParameterRules.Check))!.MakeGenericMethod(_property.PropertyType)
                .Invoke(null, [_property.DeclaringType!, PropertyName, value]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is ArgumentOutOfRangeException)
        {
            throw new FormatException($"--{Name} {SymbolInParentheses()}must be {Range}; got {text.Trim()}.");
        }
        return value;

        FormatException Bad(string what) => new($"--{Name}: '{text.Trim()}' {what}.");
    }

    /// <summary>Why <paramref name="s"/> is no 32-bit integer: not one at all, or one outside int's range.</summary>
    private static string NotAnInt(string s) =>
        System.Numerics.BigInteger.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? $"is outside the range of a 32-bit integer, {int.MinValue}..{int.MaxValue}" : "is not an integer";

    private string SymbolInParentheses() => _attribute.Symbol.Length > 0 ? $"({_attribute.Symbol}) " : "";

    /// <summary>Formats a value the way <see cref="Parse"/> reads it (invariant culture, shortest round-trip doubles).</summary>
    public string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
        TimeSpan t => t.TotalSeconds.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
        bool b => b ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <inheritdoc/>
    public override string ToString() => "--" + Name;
}
