using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Data;

/// <summary>
/// A LIBSVM data set held sparsely (compressed rows): row i has the 0-based feature indices
/// <c>Indices[RowStart[i]..RowStart[i+1]]</c> with values <c>Values[…]</c>.
/// </summary>
/// <param name="Labels">One label per row.</param>
/// <param name="FeatureCount">The number of features (explicit, or the largest index seen).</param>
/// <param name="RowStart">Row pointers, length rows + 1.</param>
/// <param name="Indices">0-based feature indices, increasing within each row.</param>
/// <param name="Values">The nonzero values.</param>
public sealed record LibSvmData(double[] Labels, int FeatureCount, int[] RowStart, int[] Indices, double[] Values)
{
    /// <summary>The number of rows (samples).</summary>
    public int Count => Labels.Length;

    /// <summary>The selected rows as a dense matrix (rows × <see cref="FeatureCount"/>).</summary>
    /// <param name="rows">Row indices to take, in order; null for all rows.</param>
    /// <exception cref="InvalidOperationException">The dense matrix would exceed 2²⁸ entries (2 GiB).</exception>
    public Matrix<double> ToDense(IReadOnlyList<int>? rows = null)
    {
        int r = rows?.Count ?? Count;
        if ((long)r * FeatureCount > 1L << 28)
            throw new InvalidOperationException($"A dense {r} × {FeatureCount} matrix is too large (more than 2²⁸ entries); select fewer rows.");
        var m = Matrix<double>.Build.Dense(r, FeatureCount);
        for (int k = 0; k < r; k++)
        {
            int i = rows is null ? k : rows[k];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), i, $"Row index out of range; there are {Count} rows.");
            for (int p = RowStart[i]; p < RowStart[i + 1]; p++) m[k, Indices[p]] = Values[p];
        }
        return m;
    }
}

/// <summary>
/// Reads LIBSVM sparse text (<c>label idx:val idx:val …</c>, 1-based increasing indices), gzip'd or not
/// (detected by the 0x1f 0x8b magic). Blank lines are ignored. Any malformed line gives a
/// <see cref="FormatException"/> naming the file, line and column.
/// </summary>
public static class LibSvmReader
{
    /// <summary>Largest feature index accepted when no explicit feature count is given (2²⁴), so one hostile
    /// index cannot make the data set claim billions of features.</summary>
    public const int MaxInferredFeatures = 1 << 24;

    /// <summary>Reads the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="featureCount">The number of features, when known (a9a: 123; a9a.t's rows reach feature 123 only with the value 0);
    /// an index above it is an error. Null: the largest index present (at most <see cref="MaxInferredFeatures"/>).</param>
    /// <exception cref="FormatException">A malformed line.</exception>
    public static LibSvmData Read(string path, int? featureCount = null)
    {
        if (featureCount is < 1)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The feature count must be at least 1.");
        var data = DataFile.ReadAll(path);
        int limit = featureCount ?? MaxInferredFeatures;
        var labels = new List<double>();
        var rowStart = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<double>();
        int maxIndex = 0;
        TextLines.ForEach(data, (number, line) =>
        {
            if (TextLines.IsBlank(line)) return;
            int pos = 0;
            TextLines.NextToken(line, ref pos, out var labelToken, out int col);
            labels.Add(TextLines.ParseFinite(labelToken, path, number, col, "the label"));
            int previous = 0;
            while (TextLines.NextToken(line, ref pos, out var token, out col))
            {
                int colon = token.IndexOf((byte)':');
                if (colon < 0)
                    throw new FormatException($"{path}: line {number}, column {col}: '{TextLines.Show(token)}' is not an index:value pair.");
                if (!int.TryParse(token[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1)
                    throw new FormatException($"{path}: line {number}, column {col}: feature index '{TextLines.Show(token[..colon])}' is not a positive integer.");
                if (index > limit)
                    throw new FormatException($"{path}: line {number}, column {col}: feature index {index} exceeds the {(featureCount is null ? "limit" : "feature count")} {limit}.");
                if (index <= previous)
                    throw new FormatException($"{path}: line {number}, column {col}: feature index {index} does not increase (previous {previous}).");
                previous = index;
                indices.Add(index - 1);
                values.Add(TextLines.ParseFinite(token[(colon + 1)..], path, number, col + colon + 1, "the value"));
                maxIndex = Math.Max(maxIndex, index);
            }
            rowStart.Add(indices.Count);
        });
        if (labels.Count == 0)
            throw new FormatException($"{path}: line 1: the file holds no samples.");
        return new LibSvmData(labels.ToArray(), featureCount ?? Math.Max(1, maxIndex), rowStart.ToArray(), indices.ToArray(), values.ToArray());
    }
}
