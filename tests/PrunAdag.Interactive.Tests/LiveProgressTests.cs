using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace PrunAdag.Interactive.Tests;

[Collection("kernel")]
public class LiveProgressTests
{
    [Fact]
    public async Task Progress_is_shown_in_place_and_replaced_by_the_result()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var old = LiveRun.UpdateInterval;
        LiveRun.UpdateInterval = TimeSpan.Zero; // every snapshot the minimizer reports reaches the display
        try
        {
            var r = await Kernels.SubmitOk(kernel, """
                var m = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 3000, GradientTolerance = 0, TargetRelevant = 8, ProgressInterval = TimeSpan.Zero });
                var live = m.MinimizeLive(f, x0);
                """);
            var produced = r.Events.OfType<DisplayedValueProduced>().Single();
            Assert.IsType<LiveProgressView>(produced.Value);
            var updates = r.Events.OfType<DisplayedValueUpdated>().ToList();
            Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
            // Progress views (with iteration counts that only grow), then the result itself.
            var views = updates.Select(u => u.Value).OfType<LiveProgressView>().ToList();
            Assert.NotEmpty(views);
            var ks = views.Select(v => v.Progress!.Value.Iteration).ToList();
            Assert.Equal(ks.Order(), ks);
            Assert.Contains("prunadag-progress", updates[0].FormattedValues.Single(v => v.MimeType == "text/html").Value);
            var last = updates[^1];
            var result = Assert.IsType<MinimizationResult>(last.Value);
            Assert.Equal(3000, result.Iterations);
            Assert.Contains("prunadag-summary", last.FormattedValues.Single(v => v.MimeType == "text/html").Value);
            // The last progress state, just before the result replaces it, is the run's true end.
            var end = Assert.IsType<LiveProgressView>(updates[^2].Value).Progress!.Value;
            Assert.True(end.IsFinal);
            Assert.Equal(result.Iterations, end.Iteration);
            Assert.Equal(result.FinalGradientNorm, end.GradientNorm);
            // One display for the whole run: the cell produced no other display and no return value.
            Assert.Single(r.Events.OfType<DisplayedValueProduced>());
            Assert.Empty(r.Events.OfType<ReturnValueProduced>());
        }
        finally { LiveRun.UpdateInterval = old; }
    }

    [Fact]
    public async Task A_throwing_callback_leaves_its_partial_result_in_place_of_the_progress()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await kernel.SendAsync(new SubmitCode("""
            var m = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 3000, GradientTolerance = 0, TargetRelevant = 8 });
            var live = m.MinimizeLive(f, x0, s => s.Iteration < 40 ? true : throw new InvalidOperationException("boom"));
            """));
        Assert.Contains("boom", Assert.Single(r.Events.OfType<CommandFailed>()).Message);
        var last = r.Events.OfType<DisplayedValueUpdated>().Last();
        var partial = Assert.IsType<MinimizationResult>(last.Value);
        Assert.Equal(StopReason.CallbackError, partial.StopReason);
        Assert.Equal(40, partial.Iterations);
    }

    [Fact]
    public async Task A_run_that_fails_before_its_first_iterate_says_so_in_place_of_the_progress()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await kernel.SendAsync(new SubmitCode("""
            var m = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 8 });
            var live = m.MinimizeLive(f, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(3));
            """));
        Assert.Single(r.Events.OfType<CommandFailed>());
        var last = r.Events.OfType<DisplayedValueUpdated>().Last();
        var view = Assert.IsType<LiveProgressView>(last.Value);
        Assert.NotNull(view.Failure);
        Assert.Contains("stopped", view.ToString());
        Assert.DoesNotContain("starting", view.ToString());
    }

    [Fact]
    public async Task A_run_that_converges_early_ends_its_progress_at_its_own_last_k_with_a_full_bar()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await Kernels.SubmitOk(kernel, """
            var m = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 100_000, GradientTolerance = 1e-6, TargetRelevant = 8 });
            var early = m.MinimizeLive(f, x0);
            """);
        var updates = r.Events.OfType<DisplayedValueUpdated>().ToList();
        var result = Assert.IsType<MinimizationResult>(updates[^1].Value);
        Assert.Equal(StopReason.Converged, result.StopReason);
        Assert.InRange(result.Iterations, 1, 99_999);
        var view = Assert.IsType<LiveProgressView>(updates[^2].Value);
        Assert.Equal(result.Iterations, view.Progress!.Value.Iteration);
        Assert.StartsWith($"prunAdag-V3 on least squares (40×80): finished at k = {result.Iterations} (limit 100000), ‖g‖ = ", view.ToString());
        Assert.Contains("value=\"1\"", updates[^2].FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }

    [Fact]
    public async Task A_host_that_appends_every_update_gets_only_the_final_value()
    {
        // dotnet-repl --run keeps each DisplayedValueUpdated as one more output of the saved notebook.
        using var kernel = await Kernels.CreateAsync(notebookFrontEnd: false);
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await Kernels.SubmitOk(kernel, """
            var m = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 3000, GradientTolerance = 0, TargetRelevant = 8, ProgressInterval = TimeSpan.Zero });
            var quiet = m.MinimizeLive(f, x0);
            """);
        var shown = Assert.Single(r.Events.OfType<DisplayEvent>());
        Assert.IsType<DisplayedValueProduced>(shown);
        Assert.Equal(3000, Assert.IsType<MinimizationResult>(shown.Value).Iterations);
        Assert.Contains("prunadag-summary", shown.FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }

    [Fact]
    public async Task Ending_the_cell_with_the_result_refers_to_the_display_instead_of_repeating_it()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await Kernels.SubmitOk(kernel, """
            var again = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 200, TargetRelevant = 8 }).MinimizeLive(f, x0);
            again
            """);
        var value = r.Events.OfType<ReturnValueProduced>().Single();
        string html = value.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.DoesNotContain("prunadag-summary", html);
        Assert.Contains("displayed above by MinimizeLive", html);
        Assert.EndsWith("(displayed above by MinimizeLive)", value.FormattedValues.Single(v => v.MimeType == "text/plain").Value);
        // In a later cell the same value is displayed in full again.
        var later = await Kernels.SubmitOk(kernel, "again");
        Assert.Contains("prunadag-summary", later.Events.OfType<ReturnValueProduced>().Single().FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }

    [Fact]
    public void Outside_a_cell_it_just_runs()
    {
        var f = Objective.Create(2, (x, g) => { g[0] = x[0] - 5; g[1] = x[1] + 5; });
        var r = Minimizer.Create(Method.Adagrad, new AdagradOptions { MaxIterations = 10, GradientTolerance = 0 }).MinimizeLive(f, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([1.0, -1.0]));
        Assert.Equal(10, r.Iterations);
    }

    [Fact]
    public void The_progress_text_has_iteration_norm_sparsity_elapsed_and_remaining()
    {
        var view = new LiveProgressView("prunAdag-V3 on f", new IterationProgress(250, 1000, 0.125, 0.4, 10, 5, 3, TimeSpan.FromSeconds(2), false));
        // 250 of 1000 iterations took 2 s, so 750 more take about 6 s.
        Assert.Equal("prunAdag-V3 on f: k = 250 / 1000, ‖g‖ = 0.125, 40 % below δ, 2.0 s elapsed, ~6.0 s left", view.ToString());
        Assert.Contains("value=\"0.25\"", view.ToHtml());
        var final = new LiveProgressView("prunAdag-V3 on f", new IterationProgress(407, 3000, 9.5e-10, 0.464, 10, 5, 3, TimeSpan.FromSeconds(0.24), true));
        Assert.Equal("prunAdag-V3 on f: finished at k = 407 (limit 3000), ‖g‖ = 9.5E-10, 46.4 % below δ, 0.2 s", final.ToString());
        Assert.Contains("value=\"1\"", final.ToHtml());
    }

    [Fact]
    public async Task Interrupting_the_cell_cancels_the_run_and_shows_the_partial_result()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var firstProgress = new TaskCompletionSource();
        var finalShown = new TaskCompletionSource<DisplayedValueUpdated>();
        using var sub = kernel.KernelEvents.Subscribe(e =>
        {
            if (e is DisplayedValueUpdated { Value: LiveProgressView }) firstProgress.TrySetResult();
            if (e is DisplayedValueUpdated u && u.FormattedValues.Any(v => v.Value.Contains("prunadag-summary"))) finalShown.TrySetResult(u);
        });
        var running = kernel.SendAsync(new SubmitCode("""
            var m = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 50_000_000, GradientTolerance = 0, TargetRelevant = 8, ProgressInterval = TimeSpan.Zero });
            var partial = m.MinimizeLive(f, x0);
            """));
        var ready = await Task.WhenAny(firstProgress.Task, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.Same(firstProgress.Task, ready);
        await kernel.SendAsync(new Cancel());
        var r = await running;
        Assert.Contains(r.Events, e => e is CommandFailed);
        // The front end listens to the kernel's events: the display that showed the progress is updated
        // with the partial result once the run has seen the cancellation (within one iteration).
        var done = await Task.WhenAny(finalShown.Task, Task.Delay(TimeSpan.FromMinutes(1)));
        Assert.Same(finalShown.Task, done);
        var produced = r.Events.OfType<DisplayedValueProduced>().First();
        var update = finalShown.Task.Result;
        Assert.Equal(produced.ValueId, update.ValueId);
        Assert.Contains("<td>Cancelled</td>", update.FormattedValues.Single(v => v.MimeType == "text/html").Value);
        // The cell's code went on with the partial result, which the next cell can use.
        // (The assignment follows the display update by a few instructions on the cell's thread: poll briefly.)
        MinimizationResult? shown = null;
        for (int attempt = 0; attempt < 100 && shown is null; attempt++)
        {
            var next = await Kernels.SubmitOk(kernel, "partial");
            shown = next.Events.OfType<ReturnValueProduced>().SingleOrDefault()?.Value as MinimizationResult;
            if (shown is null) await Task.Delay(100);
        }
        Assert.NotNull(shown);
        Assert.Equal(StopReason.Cancelled, shown.StopReason);
        Assert.InRange(shown.Iterations, 1, 50_000_000 - 1);
        Assert.True(double.IsFinite(shown.Trace.GradientNorm[^2]));
    }
}
