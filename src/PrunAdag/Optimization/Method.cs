using System.Reflection;

namespace PrunAdag;

/// <summary>
/// A method this library runs, and the registry of all of them: each method's name (as typed on the command
/// line, in the magic command and in result files), display name (as in the paper's figures), options type
/// with its parameters, defaults and ranges, and whether it classifies components. The command line, the
/// <c>#!prunadag</c> magic command, the result files, the experiment runner and the reports all read this
/// registry, so a new method needs one <see cref="Register{TOptions}"/> call and its <see cref="StepKernel"/>.
/// </summary>
/// <example><code>
/// var run = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 100 }).Minimize(f, x0);
/// </code></example>
public sealed class Method
{
    private static readonly object s_gate = new();
    private static Method[] s_all = [];

    private readonly Func<MinimizerOptions, ParameterLayout, StepKernel> _createKernel;

    private Method(string name, string displayName, string description, Type optionsType, bool classifies,
        Func<MinimizerOptions, ParameterLayout, StepKernel> createKernel)
    {
        Name = name; DisplayName = displayName; Description = description; OptionsType = optionsType;
        Classifies = classifies; _createKernel = createKernel;
        DefaultOptions = (MinimizerOptions)Activator.CreateInstance(optionsType)!;
        Parameters = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(p => p.Attribute is not null)
            .OrderBy(p => p.Property.DeclaringType == typeof(MinimizerOptions) ? 1 : 0) // the method's own first, then the shared ones
            .ThenBy(p => p.Property.MetadataToken)
            .Select(p => new MethodParameter(p.Property, p.Attribute!))
            .ToArray();
    }

    /// <summary>prunAdag, variant V1 (Table 1).</summary>
    public static Method V1 { get; } = PrunAdag(Variant.V1, "a_i rescaled by ‖g‖_R/‖x‖_S, b_i = +∞: fastest, least robust to pruning.");
    /// <summary>prunAdag, variant V2 (Table 1).</summary>
    public static Method V2 { get; } = PrunAdag(Variant.V2, "a_i = |x_i|/(k+1), b_i = +∞.");
    /// <summary>prunAdag, variant V3 (Table 1): the paper's most robust to pruning up to ~50 %.</summary>
    public static Method V3 { get; } = PrunAdag(Variant.V3, "a_i rescaled by ‖g‖_R/‖x‖_S, b_i = |x_i|: most robust up to ~50% pruning.");
    /// <summary>prunAdag, variant V4 (Table 1): best for aggressive pruning.</summary>
    public static Method V4 { get; } = PrunAdag(Variant.V4, "a_i = |x_i|/(k+1), b_i = |x_i|: best for aggressive (≥ 70%) pruning.");

    /// <summary>prunAdag without an acceptable set: O_k = R_k (the paper's Fig. 1 ablation; docs/algorithm.md B3).</summary>
    public static Method RelevantOnly { get; } = Register<RelevantOnlyOptions>("relevant-only", "relevant-only",
        "prunAdag with O_k = R_k (no acceptable set); the decreasable step uses the base variant's a_i.",
        (o, layout) => LayoutKernels.PrunAdag(layout, o, o.BaseVariant, relevantOnly: true),
        classifies: true);

    /// <summary>Plain Adagrad (docs/algorithm.md B1). A parameter layout changes nothing: every component takes the Adagrad step.</summary>
    public static Method Adagrad { get; } = Register<AdagradOptions>("adagrad", "Adagrad",
        "Plain Adagrad: every component takes the Adagrad step.",
        (o, layout) => new AdagradKernel(layout.Dimension, o.Sigma0, o.StepScale));

    /// <summary>Frank–Wolfe on the T-support-norm ball, step 1/(k+1) (docs/algorithm.md B2).</summary>
    public static Method FW1 { get; } = Register<FrankWolfeOptions>("fw1", "FW1",
        "Frank–Wolfe on the T-support-norm ball, step 1/(k+1).",
        (o, layout) => LayoutKernels.FrankWolfe(layout, o, FrankWolfeRule.FW1, o.Tau ?? 50.0));

    /// <summary>Frank–Wolfe on the T-support-norm ball, step min(β‖g‖_R/‖v − x‖, 1) (docs/algorithm.md B2).</summary>
    public static Method FW2 { get; } = Register<FrankWolfeOptions>("fw2", "FW2",
        "Frank–Wolfe on the T-support-norm ball, step min(β‖g‖_R/‖v − x‖, 1).",
        (o, layout) => LayoutKernels.FrankWolfe(layout, o, FrankWolfeRule.FW2, o.Tau ?? 100.0));

    /// <summary>Adam with PyTorch's defaults and update (docs/algorithm.md B4): what most practitioners train networks with.</summary>
    public static Method Adam { get; } = Register<AdamOptions>("adam", "Adam",
        "Adam with torch.optim.Adam's defaults and update (lr 1e-3, betas 0.9/0.999, eps 1e-8).",
        (o, layout) => new Neural.AdamKernel(layout.Dimension, o.ToParameters()));

    /// <summary>
    /// Adam on the components that are not exactly 0 at x0 in prunable blocks (the others stay 0): fine-tuning a pruned
    /// model's surviving weights, the second half of the "train dense, prune, fine-tune" baseline (docs/algorithm.md B6).
    /// </summary>
    public static Method MaskedAdam { get; } = Register<AdamOptions>("masked-adam", "masked Adam",
        "Adam that keeps the zeros of x0 in prunable blocks at 0 (fine-tuning after pruning; in reproduce neural: train dense, prune, fine-tune).",
        (o, layout) => new MaskedKernel(layout, new Neural.AdamKernel(layout.Dimension, o.ToParameters())));

    /// <summary>Stochastic Frank–Wolfe on T-support-norm balls with momentum and gradient rescaling (docs/algorithm.md B5).</summary>
    public static Method SFW { get; } = Register<StochasticFrankWolfeOptions>("sfw", "SFW",
        "Stochastic Frank–Wolfe on T-support-norm balls (momentum, gradient rescaling; Zimmer, Spiegel, Pokutta 2022).",
        (o, layout) => SfwKernel(layout, o));

    /// <summary>The methods the paper compares, in the order of its tables and figures: V1–V4, Adagrad, FW1, FW2.</summary>
    public static IReadOnlyList<Method> PaperComparison { get; } = [V1, V2, V3, V4, Adagrad, FW1, FW2];

    private static Method PrunAdag(Variant variant, string description) =>
        Register<PrunAdagOptions>("v" + (int)variant, "prunAdag-" + variant, description,
            (o, layout) => LayoutKernels.PrunAdag(layout, o, variant, relevantOnly: false),
            classifies: true);

    // B5 and C19: one T-support-norm ball per relevant set, an L2 ball per block that is not prunable.
    private static StepKernel SfwKernel(ParameterLayout layout, StochasticFrankWolfeOptions o)
    {
        var groups = LayoutKernels.Groups(layout, o.RelevantScope, o.TargetRelevant, o.RelevantFraction)
            .Select(g => new Neural.SfwGroup(g.Name, g.Ranges, g.TargetRelevant, o.Tau ?? 1.0))
            .Concat(layout.Blocks.Where(b => !b.Prunable).Select(b => new Neural.SfwGroup(b.Name, [(b.Offset, b.Length)], b.Length, o.Tau ?? 1.0)));
        return new Neural.StochasticFrankWolfeKernel(layout.Dimension, [.. groups], o.ToParameters(), o.Tau is null ? o.RadiusFactor : null);
    }

    /// <summary>Every registered method, in registration order (the built-in ones first).</summary>
    public static IReadOnlyList<Method> All
    {
        get
        {
            _ = V1; // the built-in methods register in the static initialiser, before any other
            return Volatile.Read(ref s_all);
        }
    }

    /// <summary>The name typed on the command line, in the magic command and in result files (v1..v4, relevant-only, adagrad, fw1, fw2, adam, sfw).</summary>
    public string Name { get; }

    /// <summary>The name in reports and charts, as in the paper's figures (prunAdag-V3, Adagrad, FW1, …).</summary>
    public string DisplayName { get; }

    /// <summary>One line for help text.</summary>
    public string Description { get; }

    /// <summary>The options record this method takes (a <see cref="MinimizerOptions"/> type).</summary>
    public Type OptionsType { get; }

    /// <summary>The paper's defaults for this method.</summary>
    public MinimizerOptions DefaultOptions { get; }

    /// <summary>True when the method classifies components into optimisable and decreasable ones (its trace has |O_k|, |A_k|, |D_k|).</summary>
    public bool Classifies { get; }

    /// <summary>The parameters of <see cref="OptionsType"/>: the method's own first, then the shared stopping options.</summary>
    public IReadOnlyList<MethodParameter> Parameters { get; }

    /// <summary>The parameter called <paramref name="name"/> (without dashes, case-insensitive), or null.</summary>
    public MethodParameter? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name?.Trim().TrimStart('-'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Options of this method from parameter texts (names without dashes, values as typed), starting from
    /// <paramref name="baseOptions"/> or the defaults.
    /// </summary>
    /// <exception cref="FormatException">A name is not a parameter of this method, or a value is malformed or out of range; the message names the option.</exception>
    public MinimizerOptions ParseOptions(IEnumerable<KeyValuePair<string, string>> values, MinimizerOptions? baseOptions = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var options = baseOptions ?? DefaultOptions;
        CheckOptionsType(options, nameof(baseOptions));
        foreach (var (name, text) in values)
        {
            var p = FindParameter(name) ?? throw new FormatException(
                $"--{name.TrimStart('-')} does not apply to {Name}; its options are {string.Join(", ", Parameters.Where(q => q.CommandLine).Select(q => "--" + q.Name))}.");
            options = p.WithValue(options, p.Parse(text));
        }
        return options;
    }

    /// <summary>
    /// Registers a method. Its name must be new (case-insensitive) and made of lower-case letters, digits and
    /// hyphens; parameters sharing a name with another method's must have the same type. The method then
    /// appears in <see cref="All"/>, on the command line, in the magic command, in result files and reports.
    /// </summary>
    /// <typeparam name="TOptions">The method's options record (parameterless constructor gives the defaults).</typeparam>
    /// <param name="name">The command-line name, e.g. "v3".</param>
    /// <param name="displayName">The name in reports, e.g. "prunAdag-V3".</param>
    /// <param name="description">One line for help text.</param>
    /// <param name="createKernel">Creates one run's state for a problem with the given parameter layout (its
    /// <see cref="ParameterLayout.Dimension"/> is n; one prunable block when the objective has no layout, C19).</param>
    /// <param name="classifies">True when the kernel reports |O_k|, |A_k|, |D_k|.</param>
    /// <exception cref="ArgumentException">The name or display name is taken or malformed, or a parameter conflicts.</exception>
    public static Method Register<TOptions>(string name, string displayName, string description,
        Func<TOptions, ParameterLayout, StepKernel> createKernel, bool classifies = false) where TOptions : MinimizerOptions, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentNullException.ThrowIfNull(createKernel);
        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw new ArgumentException($"A method name is lower-case letters, digits and hyphens; got '{name}'.", nameof(name));
        var method = new Method(name, displayName, description ?? "", typeof(TOptions), classifies, (o, layout) => createKernel((TOptions)o, layout));
        lock (s_gate)
        {
            foreach (var m in s_all)
            {
                if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(m.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"A method named '{m.Name}' ({m.DisplayName}) is already registered.", nameof(name));
                foreach (var p in method.Parameters)
                    if (m.FindParameter(p.Name) is { } q && q.ValueType != p.ValueType)
                        throw new ArgumentException($"Parameter --{p.Name} of {name} is a {p.ValueType.Name} but {m.Name}'s is a {q.ValueType.Name}.", nameof(TOptions));
            }
            Volatile.Write(ref s_all, [.. s_all, method]);
        }
        return method;
    }

    /// <summary>Finds a method by its name or display name (case-insensitive); false when none matches.</summary>
    public static bool TryParse(string? text, out Method method)
    {
        string s = text?.Trim() ?? "";
        foreach (var m in All)
            if (string.Equals(m.Name, s, StringComparison.OrdinalIgnoreCase) || string.Equals(m.DisplayName, s, StringComparison.OrdinalIgnoreCase))
            { method = m; return true; }
        method = null!;
        return false;
    }

    /// <summary>Finds a method by its name or display name, or throws a <see cref="FormatException"/> listing the valid names.</summary>
    public static Method Parse(string text) =>
        TryParse(text, out var m) ? m : throw new FormatException($"Unknown method '{text}'; expected one of {NameList}.");

    /// <summary>
    /// Parses a comma-separated list of methods ("v1,v3,adagrad").
    /// </summary>
    /// <exception cref="FormatException">The list is empty, has an empty item, an unknown name or a method twice.</exception>
    public static IReadOnlyList<Method> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.All(string.IsNullOrEmpty)) throw new FormatException($"The method list is empty; expected a comma-separated list of {NameList}.");
        var list = new List<Method>();
        foreach (var item in items)
        {
            if (item.Length == 0) throw new FormatException($"The method list '{text}' has an empty item (write e.g. v1,v3,adagrad).");
            var m = Parse(item);
            if (list.Contains(m)) throw new FormatException($"The method list '{text}' names {m.Name} twice.");
            list.Add(m);
        }
        return list;
    }

    /// <summary>The valid names, comma-separated.</summary>
    public static string NameList => string.Join(", ", All.Select(m => m.Name));

    /// <summary>Throws unless <paramref name="options"/> is exactly this method's options type.</summary>
    internal void CheckOptionsType(MinimizerOptions options, string parameterName)
    {
        if (options.GetType() != OptionsType)
            throw new ArgumentException($"{Name} takes {OptionsType.Name}; got {options.GetType().Name}.", parameterName);
    }

    internal StepKernel CreateKernel(MinimizerOptions options, ParameterLayout layout) => _createKernel(options, layout);

    /// <summary>The display name.</summary>
    public override string ToString() => DisplayName;
}
