using System.CommandLine;
using System.CommandLine.Parsing;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// The method options of <c>prunadag run</c>, derived from the method registry (<see cref="Method.All"/>,
/// <see cref="Method.Parameters"/>): one option per parameter name, its help text built from the parameter's
/// description, default and range, and its value checked at parse time by the parameter's own rule.
/// </summary>
internal sealed class MethodOptions
{
    private readonly List<(MethodParameter Parameter, Option<string?> Option)> _options = [];

    public MethodOptions()
    {
        foreach (var method in Method.All)
            foreach (var p in method.Parameters.Where(p => p.CommandLine))
            {
                if (_options.Any(o => o.Parameter.Name == p.Name)) continue;
                var users = Method.All.Where(m => m.FindParameter(p.Name) is { CommandLine: true }).ToArray();
                var option = new Option<string?>("--" + p.Name)
                {
                    Description = Help(p, users),
                    HelpName = p.Symbol.Length > 0 ? p.Symbol : p.IsFlag ? "true|false" : p.ValueType.IsEnum ? "NAME" : p.ValueType == typeof(int) ? "N" : p.ValueType == typeof(TimeSpan) ? "SECONDS" : "X",
                };
                option.Validators.Add(r => Validate(r, p));
                _options.Add((p, option));
            }
    }

    /// <summary>The options, for the command to add.</summary>
    public IEnumerable<Option> All => _options.Select(o => o.Option);

    /// <summary>
    /// The options of <paramref name="method"/> from what was typed: the defaults, then <paramref name="fallbacks"/>
    /// for parameters not typed (e.g. T from the problem file), then the typed values.
    /// </summary>
    /// <exception cref="CliUsageException">An option was typed that <paramref name="method"/> does not take.</exception>
    public MinimizerOptions For(Method method, ParseResult parse, IReadOnlyDictionary<string, object?>? fallbacks = null)
    {
        var options = method.DefaultOptions;
        var typed = _options.Where(o => parse.GetResult(o.Option) is { Implicit: false }).ToArray();
        foreach (var (name, value) in fallbacks ?? new Dictionary<string, object?>())
            if (method.FindParameter(name) is { } p && !typed.Any(t => Replaces(t.Parameter.Name, name)))
                options = p.WithValue(options, value);
        foreach (var (p, option) in typed)
        {
            var own = method.FindParameter(p.Name);
            if (own is null || !own.CommandLine)
                throw new CliUsageException($"--{p.Name} does not apply to {method.Name}; its options are {string.Join(", ", method.Parameters.Where(q => q.CommandLine).Select(q => "--" + q.Name))}.");
            options = own.WithValue(options, own.Parse(parse.GetValue(option)!));
        }
        return options;
    }

    // A fallback (a problem file's T) is a default: a typed value of it replaces it, and so does a typed fraction of T,
    // which gives the same number another way (--relevant-fraction is "instead of --target-relevant").
    private static bool Replaces(string typed, string fallback) =>
        typed == fallback || (fallback == "target-relevant" && typed == "relevant-fraction");

    private static void Validate(OptionResult r, MethodParameter p)
    {
        string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
        try { p.Parse(text); }
        catch (FormatException ex) { r.AddError(ex.Message); }
    }

    private static string Help(MethodParameter p, IReadOnlyList<Method> users)
    {
        var defaults = users.Select(m => m.FindParameter(p.Name)!.GetValue(m.DefaultOptions)).Distinct().ToArray();
        string dflt = defaults.Length == 1 && defaults[0] is { } d ? $" Default {p.Format(d)}." : "";
        string who = users.Count == Method.All.Count ? "" : $" Only {string.Join(", ", users.Select(m => m.Name))}.";
        return $"{p.Description}{dflt} Valid: {p.Range}.{who}";
    }
}
