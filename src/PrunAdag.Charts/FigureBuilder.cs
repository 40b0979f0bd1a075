using System.Globalization;
using Plotly.NET;

namespace PrunAdag.Charts;

/// <summary>
/// Builds the figures of <see cref="Figures"/> as plain plotly.js traces and layout, so every figure has
/// the same responsive, readable layout: no fixed width (the page or notebook cell decides), a horizontal
/// legend below the plot area in a margin reserved for it (it never covers a curve or a neighbour), full
/// trace names, exponent tick labels on log axes, and values that a log axis cannot show (0) drawn as
/// markers at the bottom of the axis with a note instead of being dropped or drawn towards −∞.
/// </summary>
internal sealed class FigureBuilder
{
    /// <summary>plotly.js's default colour sequence (category10); one colour per series, in order.</summary>
    internal static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The symbol that marks a value of exactly 0 on a log axis.</summary>
    internal const string ZeroSymbol = "triangle-down-open";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly string? _title;
    private readonly List<Panel> _panels = [];

    public FigureBuilder(string? title) => _title = title;

    /// <summary>Adds a panel (a pair of axes); panels are laid out in a grid, left to right, top to bottom.</summary>
    public Panel AddPanel(string? title, string xTitle, string yTitle, bool logY)
    {
        var p = new Panel(_panels.Count + 1, title, xTitle, yTitle, logY);
        _panels.Add(p);
        return p;
    }

    /// <summary>
    /// The figure: <paramref name="columns"/> panels per row, each <paramref name="panelHeight"/> px high
    /// (plus room for titles and the legend). The width is left to the container.
    /// </summary>
    public GenericChart Build(int columns = 1, int panelHeight = 300)
    {
        if (_panels.Count == 0) throw new InvalidOperationException("A figure needs at least one panel.");
        columns = Math.Clamp(columns, 1, _panels.Count);
        int rows = (_panels.Count + columns - 1) / columns;

        var traces = new List<Trace>();
        var legendNames = new List<string>();
        foreach (var panel in _panels)
        {
            foreach (var band in panel.Bands) traces.AddRange(panel.Traces(band)); // under the lines they belong to
            foreach (var s in panel.Series)
            {
                bool inLegend = s.ShowLegend && !legendNames.Contains(s.LegendGroup);
                if (inLegend) legendNames.Add(s.LegendGroup);
                traces.AddRange(panel.Traces(s, inLegend));
            }
            foreach (var bars in panel.Bars)
            {
                bool inLegend = !legendNames.Contains(bars.Name);
                if (inLegend) legendNames.Add(bars.Name);
                traces.Add(panel.Trace(bars, inLegend));
            }
        }

        // Vertical layout in pixels (the height is fixed; only the width follows the container):
        // figure title, then per row a panel title, the plot, the x-axis labels and title; the legend
        // goes below everything, in a bottom margin plotly.js grows to fit it.
        // (The top 30 px stay free for plotly.js's mode bar, which appears at the top right on hover.)
        bool panelTitles = _panels.Any(p => p.Title is not null);
        int top = 30 + (_title is null ? 0 : 24) + (panelTitles ? 24 : 0) + (_title is null && !panelTitles ? 0 : 4);
        const int rowGap = 80; // x tick labels + x title of a row, and the panel title of the next
        int legendRows = LegendRows(legendNames, columns);
        int legendHeight = legendNames.Count > 0 ? 12 + 22 * legendRows : 0;
        int bottom = 60 + legendHeight;
        int plotHeight = rows * panelHeight + (rows - 1) * rowGap;
        int height = top + plotHeight + bottom;

        var layout = new Layout();
        layout.SetProperty("height", height);
        layout.SetProperty("autosize", true);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 70, ["r"] = 24, ["t"] = top, ["b"] = bottom, ["autoexpand"] = true });
        layout.SetProperty("font", new Dictionary<string, object> { ["family"] = "system-ui, -apple-system, 'Segoe UI', sans-serif", ["size"] = 12, ["color"] = "#222" });
        layout.SetProperty("paper_bgcolor", "#fff");
        layout.SetProperty("plot_bgcolor", "#fff");
        layout.SetProperty("hovermode", "closest");
        layout.SetProperty("hoverlabel", new Dictionary<string, object> { ["namelength"] = -1 });
        layout.SetProperty("showlegend", legendNames.Count > 0);
        if (_panels.Any(p => p.Bars.Count > 0)) layout.SetProperty("barmode", "group");
        layout.SetProperty("legend", new Dictionary<string, object>
        {
            ["orientation"] = "h", ["xref"] = "container", ["yref"] = "container",
            ["x"] = 0.01, ["xanchor"] = "left", ["y"] = 0.005, ["yanchor"] = "bottom",
            ["traceorder"] = "normal", ["font"] = new Dictionary<string, object> { ["size"] = 12 },
        });
        if (_title is not null)
            layout.SetProperty("title", new Dictionary<string, object>
            {
                ["text"] = _title, ["x"] = 0.01, ["xanchor"] = "left", ["xref"] = "container",
                ["y"] = 1 - 30.0 / height, ["yanchor"] = "top", ["yref"] = "container", ["font"] = new Dictionary<string, object> { ["size"] = 15 },
            });

        // Horizontal domains as fractions of the plot width; the gap leaves room for the y-axis labels
        // and title of the panel to the right.
        double gap = columns switch { 1 => 0, 2 => 0.12, _ => 0.09 };
        double width = (1 - gap * (columns - 1)) / columns;
        var annotations = new List<Dictionary<string, object>>();
        for (int i = 0; i < _panels.Count; i++)
        {
            var p = _panels[i];
            int row = i / columns, col = i % columns;
            double x0 = col * (width + gap), x1 = x0 + width;
            // Row 0 is at the top; plotly's paper y runs upwards from the bottom of the plot area.
            double yTop = 1 - (double)row * (panelHeight + rowGap) / plotHeight;
            double yBottom = yTop - (double)panelHeight / plotHeight;
            layout.SetProperty(p.XAxisName, Axis(p.XTitle, log: false, [x0, x1], anchor: p.YId));
            layout.SetProperty(p.YAxisName, Axis(p.YTitle + (p.HasZeros ? $"   ({ZeroMark} = 0)" : ""), p.LogY, [Math.Max(0, yBottom), Math.Min(1, yTop)], anchor: p.XId));
            if (p.Title is not null)
                annotations.Add(new Dictionary<string, object>
                {
                    ["text"] = "<b>" + System.Net.WebUtility.HtmlEncode(p.Title) + "</b>", ["showarrow"] = false,
                    ["xref"] = "paper", ["yref"] = "paper", ["x"] = (x0 + x1) / 2, ["xanchor"] = "center",
                    ["y"] = Math.Min(1, yTop), ["yanchor"] = "bottom", ["yshift"] = 4, ["font"] = new Dictionary<string, object> { ["size"] = 13 },
                });
        }
        if (annotations.Count > 0) layout.SetProperty("annotations", annotations);

        var chart = GenericChart.ofTraceObjects(false, traces);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>The character the y-axis title uses for the zero markers (an open down-pointing triangle).</summary>
    internal const string ZeroMark = "▽";

    /// <summary>An estimate of the legend's rows at a narrow width (about 420 px of legend per panel column).</summary>
    private static int LegendRows(List<string> names, int columns)
    {
        if (names.Count == 0) return 0;
        double available = 420.0 * columns, used = 0;
        int rows = 1;
        foreach (var n in names)
        {
            double w = 40 + 7.0 * n.Length; // symbol + padding + text at 12 px
            if (used > 0 && used + w > available) { rows++; used = 0; }
            used += w;
        }
        return rows;
    }

    private static Dictionary<string, object> Axis(string title, bool log, double[] domain, string anchor)
    {
        var axis = new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object> { ["text"] = title, ["standoff"] = 8 },
            ["domain"] = domain,
            ["anchor"] = anchor,
            ["automargin"] = true,
            ["showline"] = true, ["linecolor"] = "#444", ["mirror"] = true,
            ["ticks"] = "outside", ["gridcolor"] = "#e5e5e5", ["zeroline"] = false,
            // 10⁻⁶, not 1μ: plotly.js's default labels use SI prefixes.
            ["exponentformat"] = "power", ["showexponent"] = "all",
        };
        if (log) axis["type"] = "log";
        else axis["separatethousands"] = false;
        return axis;
    }

    /// <summary>One pair of axes and its series.</summary>
    internal sealed class Panel(int index, string? title, string xTitle, string yTitle, bool logY)
    {
        public string? Title { get; } = title;
        public string XTitle { get; } = xTitle;
        public string YTitle { get; } = yTitle;
        public bool LogY { get; } = logY;
        public List<Series> Series { get; } = [];
        public List<Band> Bands { get; } = [];
        public List<Bars> Bars { get; } = [];
        public string XId => index == 1 ? "x" : "x" + index;
        public string YId => index == 1 ? "y" : "y" + index;
        public string XAxisName => index == 1 ? "xaxis" : "xaxis" + index;
        public string YAxisName => index == 1 ? "yaxis" : "yaxis" + index;
        public bool HasZeros => LogY && Series.Any(s => s.Y.Any(v => v is <= 0));

        /// <summary>Adds a series; <paramref name="legendGroup"/> ties series of several panels to one legend entry.</summary>
        public Series Add(string name, string color, IReadOnlyList<double> x, IReadOnlyList<double> y,
            string mode = "lines", string? legendGroup = null, string? dash = null, bool showLegend = true, string? hoverY = null)
        {
            if (x.Count != y.Count) throw new ArgumentException($"Series '{name}' has {x.Count} x values and {y.Count} y values.");
            var s = new Series(name, color, x.ToArray(), y.Select(v => double.IsFinite(v) ? (double?)v : null).ToArray(),
                mode, legendGroup ?? name, dash, showLegend, hoverY ?? YTitle);
            Series.Add(s);
            return s;
        }

        /// <summary>
        /// A shaded band between <paramref name="lower"/> and <paramref name="upper"/> (e.g. the min and max over seeds), in
        /// <paramref name="color"/>, translucent, drawn under the series of <paramref name="legendGroup"/> and hidden with it.
        /// </summary>
        public void AddBand(string legendGroup, string color, IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
        {
            if (x.Count != lower.Count || x.Count != upper.Count) throw new ArgumentException($"The band of '{legendGroup}' has {x.Count} x values, {lower.Count} lower and {upper.Count} upper ones.");
            Bands.Add(new Band(legendGroup, color, x.ToArray(), Finite(lower), Finite(upper)));
        }

        /// <summary>One group of columns: a value per category (e.g. per layer), in <paramref name="color"/>.</summary>
        public void AddBars(string name, string color, IReadOnlyList<string> keys, IReadOnlyList<double> values)
        {
            if (keys.Count != values.Count) throw new ArgumentException($"The columns of '{name}' have {keys.Count} keys and {values.Count} values.");
            Bars.Add(new Bars(name, color, keys.ToArray(), Finite(values)));
        }

        // NaN and ±∞ have no place in plotly.js data (they would arrive as strings and turn the axis into categories): gaps.
        private static double?[] Finite(IReadOnlyList<double> v) => v.Select(e => double.IsFinite(e) ? (double?)e : null).ToArray();

        /// <summary>The two traces of a band: its upper edge, then its lower edge filled up to it.</summary>
        public IEnumerable<Trace> Traces(Band band)
        {
            foreach (var (edge, fill) in new[] { (band.Upper, false), (band.Lower, true) })
            {
                var t = NewTrace("scatter", band.LegendGroup, band.LegendGroup, showLegend: false, band.X, edge);
                t.SetProperty("mode", "lines");
                t.SetProperty("line", new Dictionary<string, object> { ["color"] = band.Color, ["width"] = 0 });
                t.SetProperty("hoverinfo", "skip");
                if (fill)
                {
                    t.SetProperty("fill", "tonexty");
                    t.SetProperty("fillcolor", Translucent(band.Color));
                }
                yield return t;
            }
        }

        /// <summary>The column trace of <paramref name="bars"/>.</summary>
        public Trace Trace(Bars bars, bool inLegend)
        {
            var t = NewTrace("bar", bars.Name, bars.Name, inLegend, bars.Keys, bars.Values);
            t.SetProperty("marker", new Dictionary<string, object> { ["color"] = bars.Color });
            t.SetProperty("hovertemplate", $"{Escape(bars.Name)}<br>{Escape(XTitle)} = %{{x}}<br>{Escape(YTitle)} = %{{y:.4g}}<extra></extra>");
            return t;
        }

        // A trace of this panel's axes with its name, legend group and data.
        private Trace NewTrace(string type, string name, string legendGroup, bool showLegend, object x, object y)
        {
            var t = new Trace(type);
            t.SetProperty("type", type);
            t.SetProperty("name", name);
            t.SetProperty("legendgroup", legendGroup);
            t.SetProperty("showlegend", showLegend);
            t.SetProperty("x", x);
            t.SetProperty("y", y);
            t.SetProperty("xaxis", XId);
            t.SetProperty("yaxis", YId);
            return t;
        }

        // "#1f77b4" → "rgba(31, 119, 180, 0.2)".
        private static string Translucent(string hex) =>
            string.Create(Inv, $"rgba({Convert.ToInt32(hex.Substring(1, 2), 16)}, {Convert.ToInt32(hex.Substring(3, 2), 16)}, {Convert.ToInt32(hex.Substring(5, 2), 16)}, 0.2)");

        /// <summary>The plotly.js traces of <paramref name="s"/>: its line, and on a log axis its zeros as markers at the floor.</summary>
        public IEnumerable<Trace> Traces(Series s, bool inLegend)
        {
            // Values a log axis cannot show become gaps in the line; zeros get a marker at the floor.
            var y = LogY ? s.Y.Select(v => v is > 0 ? v : null).ToArray() : s.Y;
            var line = NewTrace("scatter", s.Name, s.LegendGroup, inLegend, s.X, y);
            line.SetProperty("mode", s.Mode);
            var lineStyle = new Dictionary<string, object> { ["color"] = s.Color, ["width"] = 2 };
            if (s.Dash is not null) lineStyle["dash"] = s.Dash;
            line.SetProperty("line", lineStyle);
            if (s.Mode.Contains("markers", StringComparison.Ordinal))
                line.SetProperty("marker", new Dictionary<string, object> { ["color"] = s.Color, ["size"] = 7 });
            line.SetProperty("hovertemplate", $"{Escape(s.Name)}<br>{Escape(XTitle)} = %{{x}}<br>{Escape(s.HoverY)} = %{{y:.4g}}<extra></extra>");
            yield return line;

            if (!LogY) yield break;
            var zeros = Enumerable.Range(0, s.Y.Length).Where(i => s.Y[i] is <= 0).ToArray();
            if (zeros.Length == 0) yield break;
            double floor = Floor();
            var marks = NewTrace("scatter", $"{s.Name}: {s.HoverY} = 0", s.LegendGroup, showLegend: false,
                zeros.Select(i => s.X[i]).ToArray(), zeros.Select(_ => floor).ToArray());
            marks.SetProperty("mode", "markers");
            marks.SetProperty("marker", new Dictionary<string, object>
            {
                ["color"] = s.Color, ["size"] = 10, ["symbol"] = ZeroSymbol, ["line"] = new Dictionary<string, object> { ["width"] = 2, ["color"] = s.Color },
            });
            marks.SetProperty("text", zeros.Select(i => string.Create(Inv,
                $"{s.Name}: {s.HoverY} = 0 exactly at {XTitle} = {s.X[i]:0.##} (drawn at the bottom of the log axis, which has no 0)")).ToArray());
            marks.SetProperty("hovertemplate", "%{text}<extra></extra>");
            marks.SetProperty("cliponaxis", false);
            yield return marks;
        }

        /// <summary>The axis floor for zero markers: a decade below the smallest positive value of the panel.</summary>
        private double Floor()
        {
            double min = Series.SelectMany(s => s.Y).Where(v => v is > 0).Select(v => v!.Value).DefaultIfEmpty(1).Min();
            double floor = Math.Pow(10, Math.Floor(Math.Log10(min)) - 1);
            return floor > 0 ? floor : double.Epsilon; // below a subnormal minimum the decade underflows to 0, which a log axis cannot show
        }

        private static string Escape(string s) => System.Net.WebUtility.HtmlEncode(s);
    }

    /// <summary>A shaded band between two edges, tied to the legend entry of <paramref name="LegendGroup"/>.</summary>
    internal sealed record Band(string LegendGroup, string Color, double[] X, double?[] Lower, double?[] Upper);

    /// <summary>One named group of columns over categories.</summary>
    internal sealed record Bars(string Name, string Color, string[] Keys, double?[] Values);

    /// <summary>One named line (or set of markers) in a panel.</summary>
    internal sealed record Series(string Name, string Color, double[] X, double?[] Y, string Mode, string LegendGroup, string? Dash, bool ShowLegend, string HoverY);
}
