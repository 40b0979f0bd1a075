using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Data;

/// <summary>A dense data set: one row of <see cref="Features"/> per sample, with its label.</summary>
/// <param name="Features">Samples × features.</param>
/// <param name="Labels">One label per sample.</param>
public sealed record DenseTextData(Matrix<double> Features, double[] Labels);

/// <summary>
/// Reads a whitespace-separated dense matrix (one sample per line, the same number of values on every
/// line) and a labels file (one number per line), gzip'd or not (detected by the 0x1f 0x8b magic).
/// Blank lines are ignored. Any malformed line gives a <see cref="FormatException"/> naming file, line and column.
/// </summary>
public static class DenseTextReader
{
    /// <summary>Reads a matrix file and its labels file and checks they have the same number of rows.</summary>
    /// <exception cref="FormatException">Malformed text or mismatched row counts.</exception>
    public static DenseTextData Read(string dataPath, string labelsPath)
    {
        var x = ReadMatrix(dataPath);
        var y = ReadLabels(labelsPath);
        if (y.Length != x.RowCount)
            throw new FormatException($"{labelsPath}: line {Math.Min(y.Length, x.RowCount) + 1}: {y.Length} labels but {dataPath} has {x.RowCount} rows.");
        return new DenseTextData(x, y);
    }

    /// <summary>Reads the matrix file alone.</summary>
    /// <exception cref="FormatException">Malformed text or rows of different lengths.</exception>
    public static Matrix<double> ReadMatrix(string path)
    {
        var data = DataFile.ReadAll(path);
        var values = new List<double>();
        int columns = -1, rows = 0;
        TextLines.ForEach(data, (number, line) =>
        {
            if (TextLines.IsBlank(line)) return;
            int pos = 0, count = 0;
            while (TextLines.NextToken(line, ref pos, out var token, out int col))
            {
                values.Add(TextLines.ParseFinite(token, path, number, col, "the value"));
                count++;
            }
            if (columns < 0) columns = count;
            else if (count != columns)
                throw new FormatException($"{path}: line {number}: {count} values; the first row has {columns}.");
            rows++;
        });
        if (rows == 0)
            throw new FormatException($"{path}: line 1: the file holds no rows.");
        var v = values.ToArray(); // row-major; sizes come from the data actually read
        return Matrix<double>.Build.Dense(rows, columns, (i, j) => v[(long)i * columns + j]);
    }

    /// <summary>Reads a labels file: one number per non-blank line.</summary>
    /// <exception cref="FormatException">A line with zero or several tokens, or a token that is not a finite number.</exception>
    public static double[] ReadLabels(string path)
    {
        var data = DataFile.ReadAll(path);
        var labels = new List<double>();
        TextLines.ForEach(data, (number, line) =>
        {
            if (TextLines.IsBlank(line)) return;
            int pos = 0;
            TextLines.NextToken(line, ref pos, out var token, out int col);
            labels.Add(TextLines.ParseFinite(token, path, number, col, "the label"));
            if (TextLines.NextToken(line, ref pos, out var extra, out int col2))
                throw new FormatException($"{path}: line {number}, column {col2}: unexpected second token '{TextLines.Show(extra)}' (one label per line).");
        });
        if (labels.Count == 0)
            throw new FormatException($"{path}: line 1: the file holds no labels.");
        return labels.ToArray();
    }
}
