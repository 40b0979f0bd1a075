namespace PrunAdag;

/// <summary>
/// The values an evaluation hook (<see cref="MinimizerOptions.Evaluate"/>) returned during a run, column by column:
/// one row per evaluated iterate x_k, one column per name the hook returned (in the order names first appeared; a
/// name missing from one evaluation is NaN there). docs/algorithm.md C18.
/// </summary>
public sealed class EvaluationTrace
{
    private readonly Dictionary<string, double[]> _columns;

    internal EvaluationTrace(int[] iterations, double[] epochs, IReadOnlyList<string> names, Dictionary<string, double[]> columns)
    {
        Iterations = iterations; Epochs = epochs; Names = names; _columns = columns;
    }

    /// <summary>k of each evaluated iterate, increasing.</summary>
    public IReadOnlyList<int> Iterations { get; }

    /// <summary>The epoch of each evaluated iterate: k / P with P the batches per epoch (P = 1 for deterministic objectives), so 1 means "after one epoch".</summary>
    public IReadOnlyList<double> Epochs { get; }

    /// <summary>The value names, in the order they first appeared.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of evaluations.</summary>
    public int Count => Iterations.Count;

    /// <summary>The values named <paramref name="name"/>, one per evaluation.</summary>
    /// <exception cref="KeyNotFoundException">The hook never returned that name (the message lists the names).</exception>
    public IReadOnlyList<double> this[string name] =>
        _columns.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out var c) ? c
        : throw new KeyNotFoundException($"No evaluation value is named '{name}'; the names are {(Names.Count == 0 ? "(none)" : string.Join(", ", Names))}.");

    /// <summary>True when the hook returned <paramref name="name"/> at least once.</summary>
    public bool Contains(string name) => _columns.ContainsKey(name);

    /// <summary>The last value of <paramref name="name"/> (NaN when the last evaluation lacked it).</summary>
    public double Last(string name) => this[name][^1];
}

/// <summary>Collects evaluations as they happen.</summary>
internal sealed class EvaluationTraceBuilder(int batchesPerEpoch)
{
    private readonly List<int> _iterations = [];
    private readonly List<string> _names = [];
    private readonly Dictionary<string, List<double>> _columns = new(StringComparer.Ordinal);

    /// <summary>k of the last evaluation, or −1.</summary>
    public int LastIteration => _iterations.Count > 0 ? _iterations[^1] : -1;

    public void Add(int k, IReadOnlyDictionary<string, double> values)
    {
        // Every name is checked before anything is recorded, so a bad evaluation leaves the columns as they were.
        foreach (var name in values.Keys)
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException($"The evaluation hook returned a value named '{name}': each value needs a name that is not empty or blank.", nameof(values));
        int row = _iterations.Count;
        _iterations.Add(k);
        foreach (var (name, value) in values)
        {
            if (!_columns.TryGetValue(name, out var column))
            {
                column = [];
                for (int i = 0; i < row; i++) column.Add(double.NaN);
                _columns.Add(name, column);
                _names.Add(name);
            }
            column.Add(value);
        }
        foreach (var column in _columns.Values)
            if (column.Count == row) column.Add(double.NaN);
    }

    public EvaluationTrace Build() => new(
        [.. _iterations], [.. _iterations.Select(k => (double)k / batchesPerEpoch)], [.. _names],
        _columns.ToDictionary(c => c.Key, c => c.Value.ToArray(), StringComparer.Ordinal));
}
