using System.Text;

namespace PrunAdag.Cli.Output;

/// <summary>A plain-text table: left-aligned first column, right-aligned numbers, a rule under the header.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"A row has {cells.Length} cells; the table has {headers.Length} columns.", nameof(cells));
        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((h, j) => _rows.Select(r => r[j].Length).Prepend(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            for (int j = 0; j < cells.Length; j++)
            {
                if (j > 0) sb.Append("  ");
                sb.Append(j == 0 ? cells[j].PadRight(widths[j]) : cells[j].PadLeft(widths[j]));
            }
            sb.Append('\n');
        }
        Line(headers);
        sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
        foreach (var r in _rows) Line(r);
        return sb.ToString();
    }
}
