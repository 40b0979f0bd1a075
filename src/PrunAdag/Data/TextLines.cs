using System.Globalization;

namespace PrunAdag.Data;

/// <summary>Line and token scanning over an in-memory ASCII/UTF-8 text file, with 1-based line numbers for errors.</summary>
internal static class TextLines
{
    /// <summary>Calls <paramref name="line"/> with (1-based line number, line bytes without the line end) for each line.</summary>
    public static void ForEach(byte[] data, LineAction line)
    {
        int start = 0, number = 0;
        while (start < data.Length)
        {
            int end = Array.IndexOf(data, (byte)'\n', start);
            if (end < 0) end = data.Length;
            number++;
            int len = end - start;
            if (len > 0 && data[start + len - 1] == (byte)'\r') len--;
            line(number, data.AsSpan(start, len));
            start = end + 1;
        }
    }

    public delegate void LineAction(int number, ReadOnlySpan<byte> line);

    /// <summary>True when the line holds only spaces and tabs.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line) if (b != (byte)' ' && b != (byte)'\t') return false;
        return true;
    }

    /// <summary>The next whitespace-separated token starting at <paramref name="pos"/>; false at the end of the line.</summary>
    public static bool NextToken(ReadOnlySpan<byte> line, ref int pos, out ReadOnlySpan<byte> token, out int column)
    {
        while (pos < line.Length && (line[pos] == (byte)' ' || line[pos] == (byte)'\t')) pos++;
        column = pos + 1;
        if (pos >= line.Length) { token = default; return false; }
        int s = pos;
        while (pos < line.Length && line[pos] != (byte)' ' && line[pos] != (byte)'\t') pos++;
        token = line[s..pos];
        return true;
    }

    /// <summary>Parses a finite double (invariant culture) or throws a <see cref="FormatException"/> naming file, line and column.</summary>
    public static double ParseFinite(ReadOnlySpan<byte> token, string path, int line, int column, string what)
    {
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new FormatException($"{path}: line {line}, column {column}: {what} '{Show(token)}' is not a finite number.");
        return v;
    }

    /// <summary>A token for an error message: printable ASCII kept, other bytes escaped, at most 40 characters.</summary>
    public static string Show(ReadOnlySpan<byte> token)
    {
        var sb = new System.Text.StringBuilder();
        foreach (byte b in token[..Math.Min(token.Length, 40)])
            sb.Append(b is >= 0x20 and < 0x7f ? (char)b : $"\\x{b:x2}");
        if (token.Length > 40) sb.Append('…');
        return sb.ToString();
    }
}
