using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.IO;

/// <summary>
/// A run's result as written by <c>prunadag run</c>: the solution x_K, why and when the run stopped, the
/// per-iterate trace (‖g_k‖, fraction below δ; K+1 entries) and per-step set sizes (|O_k|, |A_k|, |D_k|;
/// K entries, prunAdag only), plus T, n, the settings and the wall-clock time; and whatever else the run
/// recorded: f(x_k) (<see cref="MinimizerOptions.RecordObjective"/>), the kept iterates
/// (<see cref="MinimizerOptions.IterateEvery"/>) and the evaluation hook's values (<see cref="MinimizerOptions.Evaluate"/>),
/// so a saved run loses nothing of its <see cref="IterationTrace"/>. Doubles are written in shortest round-trip
/// form, so <see cref="Load"/> returns the same bits <see cref="Save"/> was given. See docs/cli.md for the field list.
/// </summary>
public sealed record ResultFile
{
    /// <summary>The method (written under its name, e.g. "v3", "fw2").</summary>
    public required Method Method { get; init; }

    /// <summary>K, the number of steps taken.</summary>
    public required int Iterations { get; init; }

    /// <summary>Why the run stopped.</summary>
    public required StopReason StopReason { get; init; }

    /// <summary>x_K (field "x").</summary>
    public required Vector<double> Solution { get; init; }

    /// <summary>f(x_K) (field "f"; null when the objective had no value).</summary>
    public double? Value { get; init; }

    /// <summary>‖g_k‖₂ for k = 0..K (field "gradNorm").</summary>
    public required IReadOnlyList<double> GradientNorm { get; init; }

    /// <summary>Fraction of |x_{k,i}| &lt; δ for k = 0..K (field "belowDelta").</summary>
    public required IReadOnlyList<double> BelowDelta { get; init; }

    /// <summary>|O_k| for k = 0..K−1 (prunAdag and relevant-only; null otherwise).</summary>
    public IReadOnlyList<int>? Optimisable { get; init; }

    /// <summary>|A_k| for k = 0..K−1 (all zeros for relevant-only; null for Adagrad and Frank–Wolfe).</summary>
    public IReadOnlyList<int>? Acceptable { get; init; }

    /// <summary>|D_k| for k = 0..K−1 (null for Adagrad and Frank–Wolfe).</summary>
    public IReadOnlyList<int>? Decreasable { get; init; }

    /// <summary>f(x_k) for k = 0..K (field "objectiveValues"), when the run recorded them (<see cref="MinimizerOptions.RecordObjective"/>); otherwise null.</summary>
    public IReadOnlyList<double>? ObjectiveValues { get; init; }

    /// <summary>The iterates the run kept (<see cref="MinimizerOptions.IterateEvery"/>; field "iterates"), in increasing k; empty when none.</summary>
    public IReadOnlyList<IterateSnapshot> Iterates { get; init; } = [];

    /// <summary>The evaluation hook's values (<see cref="MinimizerOptions.Evaluate"/>; field "evaluations"); null when the run had no hook.</summary>
    public EvaluationTrace? Evaluations { get; init; }

    /// <summary>T used (n for Adagrad).</summary>
    public required int TargetRelevant { get; init; }

    /// <summary>n.</summary>
    public required int Dimension { get; init; }

    /// <summary>The options the run used (field "options", one entry per <see cref="Method.Parameters"/>); <c>Minimizer.Create(Method, Options)</c> repeats the run.</summary>
    public required MinimizerOptions Options { get; init; }

    /// <summary>Wall-clock time of the run in seconds.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>The objective's display name (informational).</summary>
    public string ObjectiveName { get; init; } = "";

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically (temporary file in the same folder, then rename).</summary>
    /// <exception cref="IOException">The file cannot be written (e.g. its folder does not exist).</exception>
    public static void Save(string path, MinimizationResult result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(result);
        // Written as it is made: the trace of a very long run (10⁸ iterations) is more text than one string holds.
        AtomicFile.WriteText(path, w => Write(w, result));
    }

    /// <summary>The JSON text <see cref="Save"/> writes.</summary>
    public static string ToJson(MinimizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, result);
        return text.ToString();
    }

    private static void Write(TextWriter w, MinimizationResult result)
    {
        var tr = result.Trace;
        w.Write("{\n");
        Field(w, "method", JsonOutput.String(result.Method.Name));
        Field(w, "objective", JsonOutput.String(result.ObjectiveName));
        Field(w, "n", JsonOutput.Int(result.Dimension));
        Field(w, "targetRelevant", JsonOutput.Int(result.TargetRelevant));
        Field(w, "iterations", JsonOutput.Int(result.Iterations));
        Field(w, "stopReason", JsonOutput.String(result.StopReason.ToString()));
        Field(w, "f", result.FinalValue is { } f ? JsonOutput.Number(f) : "null");
        Field(w, "finalGradNorm", JsonOutput.Number(result.FinalGradientNorm));
        Field(w, "elapsedSeconds", JsonOutput.Number(result.Elapsed.TotalSeconds));
        w.Write("  \"options\": ");
        WriteOptions(w, result);
        w.Write(",\n");
        w.Write("  \"x\": "); JsonOutput.Array(w, result.Solution); w.Write(",\n");
        w.Write("  \"gradNorm\": "); JsonOutput.Array(w, tr.GradientNorm); w.Write(",\n");
        w.Write("  \"belowDelta\": "); JsonOutput.Array(w, tr.BelowDelta);
        if (tr.Optimisable is { } o && tr.Acceptable is { } a && tr.Decreasable is { } d)
        {
            w.Write(",\n  \"optimisable\": "); JsonOutput.Array(w, o);
            w.Write(",\n  \"acceptable\": "); JsonOutput.Array(w, a);
            w.Write(",\n  \"decreasable\": "); JsonOutput.Array(w, d);
        }
        if (tr.Value is { } values) { w.Write(",\n  \"objectiveValues\": "); JsonOutput.Array(w, values); }
        if (tr.Iterates.Count > 0)
        {
            w.Write(",\n  \"iterates\": [");
            for (int i = 0; i < tr.Iterates.Count; i++)
            {
                w.Write(i == 0 ? "\n    {\"k\": " : ",\n    {\"k\": "); w.Write(JsonOutput.Int(tr.Iterates[i].Iteration)); w.Write(", \"x\": ");
                JsonOutput.Array(w, tr.Iterates[i].X);
                w.Write('}');
            }
            w.Write("\n  ]");
        }
        if (tr.Evaluations is { } ev) WriteEvaluations(w, ev);
        w.Write("\n}\n");
    }

    // {"iterations": [k...], "epochs": [k/P...], "values": {"name": [one per evaluation], ...}}, names in their order.
    private static void WriteEvaluations(TextWriter w, EvaluationTrace ev)
    {
        w.Write(",\n  \"evaluations\": {\n    \"iterations\": "); JsonOutput.Array(w, ev.Iterations);
        w.Write(",\n    \"epochs\": "); JsonOutput.Array(w, ev.Epochs);
        w.Write(",\n    \"values\": {");
        for (int i = 0; i < ev.Names.Count; i++)
        {
            w.Write(i == 0 ? "\n      " : ",\n      "); w.Write(JsonOutput.String(ev.Names[i])); w.Write(": ");
            JsonOutput.Array(w, ev[ev.Names[i]]);
        }
        w.Write(ev.Names.Count > 0 ? "\n    }\n  }" : "}\n  }");
    }

    private static void Field(TextWriter w, string name, string json) => w.Write($"  \"{name}\": {json},\n");

    private static void WriteOptions(TextWriter w, MinimizationResult result)
    {
        // Every parameter of the method's options record (Method.Parameters), under its file key.
        var o = result.Options;
        w.Write('{');
        w.Write(string.Join(", ", result.Method.Parameters.Select(p => $"\"{p.FileKey}\": {OptionJson(p, p.GetValue(o))}")));
        w.Write('}');
    }

    private static string OptionJson(MethodParameter p, object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => JsonOutput.Int(i),
        double d => JsonOutput.Number(d),
        TimeSpan t => JsonOutput.Number(t.TotalSeconds),
        _ => JsonOutput.String(p.Format(value)),
    };

    /// <summary>Reads and checks a result file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, or the file cannot be read.</exception>
    /// <exception cref="FormatException">Malformed JSON or a field breaks the format; the one-line message names the file and field.</exception>
    public static ResultFile Load(string path)
    {
        return JsonInput.Load(path, Read);
    }

    /// <summary>Parses a result from JSON text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">As for <see cref="Load"/>.</exception>
    public static ResultFile Parse(string json, string source = "result")
    {
        return JsonInput.Load(json, source, Read);
    }

    private static ResultFile Read(JsonInput input)
    {
        string methodText = input.RequiredString("method");
        if (!Method.TryParse(methodText, out var method))
            throw input.Error($"field \"method\" is \"{methodText}\"; expected one of {Method.NameList}");
        int n = input.RequiredInt("n", 1);
        int k = input.RequiredInt("iterations", 0);
        string stopText = input.RequiredString("stopReason");
        if (!Enum.TryParse<StopReason>(stopText, ignoreCase: true, out var stop) || !Enum.IsDefined(stop) || int.TryParse(stopText, out _))
            throw input.Error($"field \"stopReason\" is \"{stopText}\"; expected one of {string.Join(", ", Enum.GetNames<StopReason>())}");
        int t = input.RequiredInt("targetRelevant", 1);
        if (t > n) throw input.Error($"field \"targetRelevant\" = {t} is out of range: TargetRelevant (T) must be in 1..n = {n}");
        var x = input.Vector("x", allowNonFinite: false, n, $"n = {n}");
        double? f = input.Has("f") ? input.RequiredNumber("f", allowNonFinite: true) : null;
        int points = k + 1;
        string pointRule = $"one per iterate x_0..x_K, K = {k}";
        var grad = input.Vector("gradNorm", allowNonFinite: true, points, pointRule);
        for (int i = 0; i < grad.Length; i++)
            if (grad[i] < 0) // NaN (a gradient that could not be computed) and +∞ are norms a run can record; a negative one is not
                throw input.Error($"field \"gradNorm\", index {i} = {grad[i].ToString(CultureInfo.InvariantCulture)} is negative; a norm is ≥ 0");
        var below = input.Vector("belowDelta", allowNonFinite: false, points, pointRule);
        for (int i = 0; i < below.Length; i++)
            if (below[i] < 0 || below[i] > 1)
                throw input.Error($"field \"belowDelta\", index {i} = {below[i].ToString(CultureInfo.InvariantCulture)} is not a fraction in [0, 1]");
        int[]? o = null, a = null, d = null;
        string stepRule = $"one per iteration 0..K−1, K = {k}";
        if (method.Classifies)
        {
            o = SetSizes(input, "optimisable", n, k, stepRule);
            a = SetSizes(input, "acceptable", n, k, stepRule);
            d = SetSizes(input, "decreasable", n, k, stepRule);
        }
        else if (new[] { "optimisable", "acceptable", "decreasable" }.FirstOrDefault(input.Has) is { } stray)
            throw input.Error($"field \"{stray}\" is there, but {method.Name} splits no components into optimisable and decreasable ones (V1–V4 and relevant-only do)");
        double elapsed = input.RequiredNumber("elapsedSeconds", allowNonFinite: false);
        if (elapsed < 0) throw input.Error($"field \"elapsedSeconds\" = {elapsed.ToString(CultureInfo.InvariantCulture)} is negative");
        var options = ReadOptions(method, input.OptionalObject("options"));
        string objective = input.Optional("objective") is { ValueKind: System.Text.Json.JsonValueKind.String } on ? on.GetString()! : "";
        double[]? values = input.Has("objectiveValues") ? input.Vector("objectiveValues", allowNonFinite: true, points, pointRule) : null;
        return new ResultFile
        {
            Method = method, Iterations = k, StopReason = stop, Solution = Vector<double>.Build.Dense(x), Value = f,
            GradientNorm = grad, BelowDelta = below, Optimisable = o, Acceptable = a, Decreasable = d,
            TargetRelevant = t, Dimension = n, Options = options, ElapsedSeconds = elapsed, ObjectiveName = objective,
            ObjectiveValues = values, Iterates = input.Has("iterates") ? ReadIterates(input, n, k) : [],
            Evaluations = input.OptionalObject("evaluations") is { } ev ? ReadEvaluations(ev, k) : null,
        };
    }

    // |O_k|, |A_k| or |D_k| for k = 0..K−1: sizes of subsets of the n components.
    private static int[] SetSizes(JsonInput input, string name, int n, int k, string rule)
    {
        var sizes = input.IntVector(name, 0, k, rule);
        for (int i = 0; i < sizes.Length; i++)
            if (sizes[i] > n) throw input.Error($"field \"{name}\", index {i} = {sizes[i]} is more than the n = {n} components");
        return sizes;
    }

    private static IterateSnapshot[] ReadIterates(JsonInput input, int n, int k)
    {
        var items = input.ObjectArray("iterates");
        var result = new IterateSnapshot[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            int at = items[i].RequiredInt("k", 0);
            if (at > k) throw items[i].Error($"field \"k\" = {at} is past the last iterate, K = {k}");
            if (i > 0 && at <= result[i - 1].Iteration)
                throw items[i].Error($"field \"k\" = {at} does not follow k = {result[i - 1].Iteration} of the iterate before it (increasing k)");
            result[i] = new IterateSnapshot(at, Vector<double>.Build.Dense(items[i].Vector("x", allowNonFinite: false, n, $"n = {n}")));
        }
        return result;
    }

    private static EvaluationTrace ReadEvaluations(JsonInput ev, int k)
    {
        var its = ev.IntVector("iterations", 0);
        int count = its.Length;
        for (int i = 0; i < count; i++)
        {
            if (its[i] > k) throw ev.Error($"field \"iterations\", index {i} = {its[i]} is past the last iterate, K = {k}");
            if (i > 0 && its[i] <= its[i - 1]) throw ev.Error($"field \"iterations\", index {i} = {its[i]} does not follow {its[i - 1]} (increasing k)");
        }
        string rule = $"one per evaluation, {count} in \"iterations\"";
        var epochs = ev.Vector("epochs", allowNonFinite: false, count, rule);
        for (int i = 0; i < count; i++)
            if (epochs[i] < 0 || (i > 0 && epochs[i] < epochs[i - 1]))
                throw ev.Error($"field \"epochs\", index {i} = {epochs[i].ToString(CultureInfo.InvariantCulture)} is {(epochs[i] < 0 ? "negative" : "below the epoch before it")}");
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var names = new List<string>();
        if (ev.OptionalObject("values") is { } v)
            foreach (string name in v.Names)
            {
                if (string.IsNullOrWhiteSpace(name)) throw v.Error("a value has an empty name");
                columns.Add(name, v.Vector(name, allowNonFinite: true, count, rule)); // NaN: the hook did not return the name there
                names.Add(name);
            }
        return new EvaluationTrace(its, epochs, names, columns);
    }

    private static MinimizerOptions ReadOptions(Method method, JsonInput? o)
    {
        var options = method.DefaultOptions;
        if (o is null) return options;
        // Every key is one of the method's parameters: a key of another method's (tau for v3) says the file is not what it claims.
        if (o.Names.FirstOrDefault(key => method.Parameters.All(p => p.FileKey != key)) is { } unknown)
            throw o.Error($"field \"options.{unknown}\" is not a parameter of {method.Name}; its parameters are {string.Join(", ", method.Parameters.Select(p => p.FileKey))}");
        foreach (var p in method.Parameters)
        {
            if (o.Optional(p.FileKey) is not { } e || e.ValueKind == System.Text.Json.JsonValueKind.Null) continue;
            string where = $"field \"options.{p.FileKey}\"";
            string text = p.IsFlag || p.ValueType.IsEnum
                ? e.ValueKind switch
                {
                    System.Text.Json.JsonValueKind.True => "true",
                    System.Text.Json.JsonValueKind.False => "false",
                    System.Text.Json.JsonValueKind.String when p.ValueType.IsEnum => e.GetString()!,
                    _ => throw o.Error($"{where} is a {JsonInput.Describe(e.ValueKind)}; expected {(p.IsFlag ? "true or false" : "a string")}"),
                }
                : p.ValueType == typeof(int) ? o.Int(e, where, int.MinValue).ToString(CultureInfo.InvariantCulture)
                : o.Number(e, where, allowNonFinite: false).ToString("R", CultureInfo.InvariantCulture);
            try { options = p.WithValue(options, p.Parse(text)); }
            catch (FormatException ex) { throw o.Error($"{where}: {ex.Message.TrimEnd('.')}"); }
        }
        return options;
    }
}
