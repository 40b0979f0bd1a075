using System.Text.Json;
using Microsoft.Playwright;
using PrunAdag.Problems;

namespace PrunAdag.Charts.Tests.Browser;

/// <summary>
/// The pages the layout test opens, written once: a reproduction report (report.html as
/// <c>prunadag reproduce</c> writes it), a <see cref="Comparison"/> of the seven methods with pruning
/// profiles, and a single run that converges early (so its x range ends before the iteration limit).
/// </summary>
public sealed class LayoutPages : IDisposable
{
    public LayoutPages()
    {
        Folder = Directory.CreateTempSubdirectory("prunadag-layout-").FullName;
        var problem = ProblemCatalog.Create("random-ls:A2", 1);
        var runs = Method.PaperComparison
            .Select(m => Minimizer.Create(m, problem.OptionsFor(m) with { MaxIterations = 400 }).Minimize(problem.Objective, problem.X0) with { ObjectiveName = problem.Name }).ToArray();
        var profiles = runs.Select(r => r.PruningProfile(problem.Objective, Pruning.PaperSigmas)).ToArray();
        Pages["comparison"] = new Comparison(runs, profiles, "random-ls:A2, seed 1").SaveHtml(Path.Combine(Folder, "comparison.html"));

        var converged = Minimizer.Create(Method.V3, problem.OptionsFor(Method.V3) with { MaxIterations = 3000 }).Minimize(problem.Objective, problem.X0);
        Assert.True(converged.StopReason == StopReason.Converged && converged.Iterations < 3000, $"the single run should converge early: {converged}");
        Pages["result"] = converged.SaveHtml(Path.Combine(Folder, "result.html"));

        string outDir = Path.Combine(Folder, "reproduce");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = PrunAdag.Cli.Program.Run(["reproduce", "least-squares", "--seeds", "1", "--problems", "random-ls:A2,random-ls:A5",
            "--max-iter", "300", "--jobs", "2", "--out", outDir], stdout, stderr);
        Assert.True(code == 0, $"prunadag reproduce exited with {code}:\n{stderr}\n{stdout}");
        Pages["report"] = Path.Combine(outDir, "report.html");
        Assert.True(File.Exists(Pages["report"]), "prunadag reproduce wrote no report.html");
    }

    public string Folder { get; }

    /// <summary>Page name → full path.</summary>
    public Dictionary<string, string> Pages { get; } = [];

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A real browser's view of every chart's layout: headless Chromium (driven by Playwright, never a
/// downloaded browser) opens each page at 1000, 1400 and 1920 px and measures the DOM plotly.js drew.
/// </summary>
public class LayoutTests(LayoutPages pages) : IClassFixture<LayoutPages>
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in new[] { "report", "comparison", "result" })
            foreach (var width in new[] { 1000, 1400, 1920 })
                data.Add(page, width);
        return data;
    }

    /// <summary>Charts each page must draw: result = Fig. 4 + set sizes; comparison = Fig. 4, Fig. 2, ρ, ω, achieved.</summary>
    // report: per problem Fig. 4, Fig. 2 (one panel per variant), and ρ, ω, achieved sparsity against σ.
    private static readonly Dictionary<string, int> MinimumCharts = new() { ["report"] = 2 * (1 + 1 + 3), ["comparison"] = 5, ["result"] = 2 };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Every_chart_fits_has_no_overlap_and_shows_every_legend_entry_in_full(string page, int width)
    {
        HeadlessChromium.Require();
        var m = await Measure(pages.Pages[page], width);

        Assert.True(m.Problems.Length == 0, $"{page} at {width} px:\n  " + string.Join("\n  ", m.Problems));
        if (page == "report") Assert.InRange(m.Charts, MinimumCharts[page], 100);
        else Assert.Equal(MinimumCharts[page], m.Charts);
        Assert.True(m.LegendItems >= m.Charts, $"{page} at {width} px: only {m.LegendItems} legend entries for {m.Charts} charts");
        Assert.Empty(m.NetworkRequests);
    }

    [SkippableFact]
    public async Task The_comparison_legend_names_every_method_in_full()
    {
        HeadlessChromium.Require();
        var m = await Measure(pages.Pages["comparison"], 1000);
        foreach (var name in new[] { "prunAdag-V1", "prunAdag-V2", "prunAdag-V3", "prunAdag-V4", "Adagrad", "FW1", "FW2" })
            Assert.Contains(name, m.LegendTexts);
        Assert.Contains("|O_k| (optimisable)", m.LegendTexts);
        Assert.Contains("|D_k| (decreasable)", m.LegendTexts);
    }

    private sealed record Measurement(string[] Problems, int Charts, int LegendItems, string[] LegendTexts, string[] NetworkRequests);

    private static async Task<Measurement> Measure(string path, int width)
    {
        using var playwright = await Playwright.CreateAsync();
        string profile = Directory.CreateTempSubdirectory("prunadag-playwright-").FullName;
        var requests = new List<string>();
        try
        {
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = HeadlessChromium.Executable,
                Headless = true,
                Args = HeadlessChromium.Switches,
                ViewportSize = new ViewportSize { Width = width, Height = 900 },
            });
            // Nothing may leave the machine: every http(s) request is recorded and refused.
            await context.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) { await route.ContinueAsync(); return; }
                lock (requests) requests.Add(route.Request.Url);
                await route.AbortAsync();
            });
            var browserPage = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            await browserPage.GotoAsync(new Uri(path).AbsoluteUri);
            await browserPage.WaitForFunctionAsync(
                "() => { const c = [...document.querySelectorAll('.prunadag-chart')]; return c.length > 0 && c.every(e => e._fullLayout && e.querySelector('svg.main-svg')); }",
                null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            // Let the resize observers settle (a chart redraws when its box changes width).
            await browserPage.WaitForTimeoutAsync(400);
            var json = await browserPage.EvaluateAsync<JsonElement>(MeasureScript);
            string[] Strings(string name) => json.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
            return new Measurement(Strings("problems"), json.GetProperty("charts").GetInt32(), json.GetProperty("legendItems").GetInt32(),
                Strings("legendTexts"), requests.ToArray());
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Measures the page and lists what is wrong: a sideways scroll, a chart wider than its box, its
    /// container or the viewport, two charts overlapping, a legend entry, title or annotation not fully
    /// inside its chart, a legend over a plot area, a named trace without a legend entry, an x axis that
    /// cuts off data, SI-prefixed labels on a log axis.
    /// </summary>
    private const string MeasureScript = """
        () => {
          const problems = [];
          const tol = 1;
          const vw = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > vw + tol)
            problems.push(`the page scrolls sideways: scrollWidth ${document.documentElement.scrollWidth} > viewport ${vw}`);
          const inside = (a, b) => a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
          const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tol && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tol;
          const fmt = r => `[${Math.round(r.left)}, ${Math.round(r.right)}] × [${Math.round(r.top)}, ${Math.round(r.bottom)}]`;
          const charts = [...document.querySelectorAll('.prunadag-chart')];
          const drawn = [];
          let legendItems = 0;
          const legendTexts = [];
          charts.forEach((el, i) => {
            const fl = el._fullLayout;
            const titles = [el.layout.title && fl.title.text, ...(fl.annotations || []).map(a => a.text)].filter(t => t).join(' / ').replace(/<[^>]+>/g, '');
            const id = `chart ${i + 1} (${titles})`;
            const box = el.getBoundingClientRect();
            const svg = el.querySelector('svg.main-svg').getBoundingClientRect();
            const parent = el.parentElement.getBoundingClientRect();
            if (!inside(svg, box)) problems.push(`${id}: the drawing ${fmt(svg)} overflows its box ${fmt(box)}`);
            if (box.left < parent.left - tol || box.right > parent.right + tol) problems.push(`${id}: its box ${fmt(box)} overflows its container ${fmt(parent)}`);
            if (box.left < -tol || box.right > vw + tol) problems.push(`${id}: its box ${fmt(box)} leaves the viewport (width ${vw})`);
            drawn.push({ id, r: svg });

            const plots = [...el.querySelectorAll('.draglayer .nsewdrag')].map(p => p.getBoundingClientRect());
            const legend = el.querySelector('.legend');
            if (legend) {
              const bg = legend.querySelector('.bg').getBoundingClientRect();
              if (!inside(bg, svg)) problems.push(`${id}: the legend ${fmt(bg)} is not inside the chart ${fmt(svg)}`);
              plots.forEach(p => { if (overlap(bg, p)) problems.push(`${id}: the legend ${fmt(bg)} covers a plot area ${fmt(p)}`); });
              legend.querySelectorAll('.traces').forEach(item => {
                const text = item.querySelector('.legendtext');
                const t = text.getBoundingClientRect();
                legendItems++;
                legendTexts.push(text.textContent);
                if (t.width < 1) problems.push(`${id}: the legend entry '${text.textContent}' has no visible text`);
                if (!inside(t, svg) || !inside(t, bg)) problems.push(`${id}: the legend entry '${text.textContent}' ${fmt(t)} is cut off (legend ${fmt(bg)}, chart ${fmt(svg)})`);
              });
            }
            const shown = new Set([...el.querySelectorAll('.legend .traces .legendtext')].map(t => t.textContent));
            el.data.filter(t => t.showlegend !== false && t.visible !== false && t.name).forEach(t => {
              if (!shown.has(t.name)) problems.push(`${id}: the trace '${t.name}' has no legend entry`);
            });
            el.querySelectorAll('.g-gtitle text, .annotation').forEach(t => {
              const r = t.getBoundingClientRect();
              if (r.width > 0 && !inside(r, svg)) problems.push(`${id}: the title '${t.textContent}' ${fmt(r)} is cut off`);
            });
            el._fullData.forEach(t => {
              const ax = fl[(t.xaxis || 'x').replace('x', 'xaxis')];
              const xs = (t.x || []).filter(v => typeof v === 'number' && isFinite(v));
              if (!ax || ax.type !== 'linear' || xs.length === 0) return;
              const span = ax.range[1] - ax.range[0], eps = 1e-9 * Math.abs(span);
              if (Math.min(...xs) < ax.range[0] - eps || Math.max(...xs) > ax.range[1] + eps)
                problems.push(`${id}: the x axis [${ax.range}] cuts off '${t.name}' (x in [${Math.min(...xs)}, ${Math.max(...xs)}])`);
            });
            Object.keys(fl).filter(k => /^yaxis\d*$/.test(k) && fl[k].type === 'log').forEach(k => {
              const axId = fl[k]._id;
              el.querySelectorAll(`.${axId}tick text`).forEach(t => {
                if (/[μnpfamkMGT]/.test(t.textContent)) problems.push(`${id}: log-axis tick '${t.textContent}' uses an SI prefix`);
              });
            });
          });
          for (let a = 0; a < drawn.length; a++)
            for (let b = a + 1; b < drawn.length; b++)
              if (overlap(drawn[a].r, drawn[b].r)) problems.push(`${drawn[a].id} ${fmt(drawn[a].r)} and ${drawn[b].id} ${fmt(drawn[b].r)} overlap`);
          return { problems, charts: charts.length, legendItems, legendTexts };
        }
        """;
}
