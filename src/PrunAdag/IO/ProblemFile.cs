using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.IO;

/// <summary>
/// A least-squares problem file: f(x) = ½‖Ax − b‖² with a starting point x0, as JSON
/// <c>{"kind":"least-squares","A":[[row 0],[row 1],...],"b":[...],"x0":[...],"targetRelevant":T}</c>
/// ("targetRelevant" optional; unknown keys ignored). See docs/cli.md for the full format.
/// </summary>
/// <param name="A">A (m × n).</param>
/// <param name="B">b (length m).</param>
/// <param name="X0">x0 (length n).</param>
public sealed record ProblemFile(Matrix<double> A, Vector<double> B, Vector<double> X0)
{
    /// <summary>The only kind supported so far.</summary>
    public const string LeastSquaresKind = "least-squares";

    /// <summary>T suggested by the file (in 1..n), or null to leave it to the method's default.</summary>
    public int? TargetRelevant { get; init; }

    /// <summary>The problem kind ("least-squares").</summary>
    public string Kind => LeastSquaresKind;

    /// <summary>n, the number of variables (columns of A).</summary>
    public int Dimension => A.ColumnCount;

    /// <summary>f(x) = ½‖Ax − b‖².</summary>
    public LeastSquaresObjective ToObjective() => Objective.LeastSquares(A, B);

    /// <summary>Reads and checks a problem file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, or the file cannot be read.</exception>
    /// <exception cref="FormatException">
    /// The file is not valid JSON or breaks the format; the one-line message names the file, the field and
    /// the row/index at fault (e.g. <c>problem.json: field "A", row 3 has 4 entries; row 0 has 5.</c>).
    /// </exception>
    public static ProblemFile Load(string path)
    {
        return JsonInput.Load(path, Read);
    }

    /// <summary>Parses a problem from UTF-8 JSON text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">As for <see cref="Load"/>.</exception>
    public static ProblemFile Parse(string json, string source = "problem")
    {
        return JsonInput.Load(json, source, Read);
    }

    private static ProblemFile Read(JsonInput input)
    {
        string kind = input.RequiredString("kind");
        if (kind != LeastSquaresKind)
            throw input.Error($"field \"kind\" is \"{kind}\"; only \"{LeastSquaresKind}\" is supported");
        var a = input.Matrix("A");
        int m = a.RowCount, n = a.ColumnCount;
        // "m" and "n" are informational (Save writes them); when present they must agree with A.
        if (input.Optional("m") is { } me && input.Int(me, "field \"m\"", 0) != m)
            throw input.Error($"field \"m\" = {me.GetRawText()} but A has {m} rows");
        if (input.Optional("n") is { } ne && input.Int(ne, "field \"n\"", 0) != n)
            throw input.Error($"field \"n\" = {ne.GetRawText()} but A has {n} columns");
        var b = input.Vector("b", allowNonFinite: false, m, $"one per row of A, m = {m}");
        var x0 = input.Vector("x0", allowNonFinite: false, n, $"one per column of A, n = {n}");
        int? t = null;
        if (input.Optional("targetRelevant") is { } te)
        {
            int v = input.Int(te, "field \"targetRelevant\"", int.MinValue);
            if (v < 1 || v > n)
                throw input.Error($"field \"targetRelevant\" = {v} is out of range: TargetRelevant (T) must be in 1..n = {n}");
            t = v;
        }
        return new ProblemFile(a, Vector<double>.Build.Dense(b), Vector<double>.Build.Dense(x0)) { TargetRelevant = t };
    }

    /// <summary>Writes this problem to <paramref name="path"/> (atomically; see <see cref="Save(string, Matrix{double}, Vector{double}, Vector{double}, int?)"/>).</summary>
    public void Save(string path) => Save(path, A, B, X0, TargetRelevant);

    /// <summary>
    /// Writes a problem file atomically (a temporary file in the same folder renamed over the target), one
    /// row of A per line, every number in shortest round-trip form so <see cref="Load"/> gives back the same bits.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes disagree, an entry is not finite, or T is outside 1..n.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(string path, Matrix<double> a, Vector<double> b, Vector<double> x0, int? targetRelevant = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(x0);
        int m = a.RowCount, n = a.ColumnCount;
        if (b.Count != m) throw new ArgumentException($"b has {b.Count} entries but A has m = {m} rows.", nameof(b));
        if (x0.Count != n) throw new ArgumentException($"x0 has {x0.Count} entries but A has n = {n} columns.", nameof(x0));
        if (targetRelevant is { } t && (t < 1 || t > n))
            throw new ArgumentOutOfRangeException(nameof(targetRelevant), t, $"TargetRelevant (T) must be in 1..n = {n}; got {t}.");
        // A file the reader would reject is a bug at the writer's end: refuse it here, with the place.
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                if (!double.IsFinite(a[i, j])) throw new ArgumentException($"A[{i}, {j}] = {a[i, j]} is not finite.", nameof(a));
        CheckFinite(b, nameof(b));
        CheckFinite(x0, nameof(x0));

        // Written as it is made: a large A (10⁸ entries) is more text than one string holds.
        AtomicFile.WriteText(path, w =>
        {
            w.Write($"{{\n  \"kind\": \"{LeastSquaresKind}\",\n");
            w.Write($"  \"m\": {JsonOutput.Int(m)},\n");
            w.Write($"  \"n\": {JsonOutput.Int(n)},\n");
            if (targetRelevant is { } tr) w.Write($"  \"targetRelevant\": {JsonOutput.Int(tr)},\n");
            w.Write("  \"A\": [\n");
            for (int i = 0; i < m; i++)
            {
                w.Write("    ");
                JsonOutput.Array(w, a.Row(i));
                w.Write(i + 1 < m ? ",\n" : "\n");
            }
            w.Write("  ],\n  \"b\": ");
            JsonOutput.Array(w, b);
            w.Write(",\n  \"x0\": ");
            JsonOutput.Array(w, x0);
            w.Write("\n}\n");
        });
    }

    private static void CheckFinite(Vector<double> v, string name)
    {
        for (int i = 0; i < v.Count; i++)
            if (!double.IsFinite(v[i])) throw new ArgumentException($"{name}[{i}] = {v[i]} is not finite.", name);
    }
}
