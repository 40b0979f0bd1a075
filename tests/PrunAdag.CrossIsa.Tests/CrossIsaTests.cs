using System.Diagnostics;
using PrunAdag.IO;
using PrunAdag.Problems;

namespace PrunAdag.CrossIsa.Tests;

/// <summary>
/// The README's reproducibility promise, end to end: the same whole runs, each in its own process with the runtime
/// held to one instruction set (the CPU's widest, AVX-512 off, AVX2 off, all SIMD off) or to one processor, give
/// the same result bits — every method on dense and matrix-free least squares, logistic regression, SPARCO and
/// sparse coding (tests/PrunAdag.IsaProbe), and <c>prunadag run</c> through the command line. On a CPU without
/// AVX-512 the first two environments run the same instruction set; the others still narrow it. Across machines, the
/// probe's runs are compared with those recorded on one machine of the same platform (<c>reference-runs.txt</c>).
/// </summary>
public class CrossIsaTests
{
    private static readonly (string Name, string? Variable)[] Environments =
    [
        ("default", null), ("DOTNET_EnableAVX512=0", "DOTNET_EnableAVX512"), ("DOTNET_EnableAVX2=0", "DOTNET_EnableAVX2"),
        ("DOTNET_EnableHWIntrinsic=0", "DOTNET_EnableHWIntrinsic"), ("DOTNET_PROCESSOR_COUNT=1", "DOTNET_PROCESSOR_COUNT"),
    ];

    [Fact]
    public async Task Every_method_gives_the_same_bits_on_every_instruction_set_and_thread_count()
    {
        var outputs = await Task.WhenAll(Environments.Select(e => Run(e.Variable, "PrunAdag.IsaProbe.dll", "60")));
        var isa = outputs.Select(o => o.Isa).ToArray();
        Assert.Equal("isa: scalar", isa[3]);                        // the switches took effect
        Assert.NotEqual("isa: 512-bit", isa[1]);
        Assert.Equal("isa: 128-bit", isa[2]);
        Assert.Equal("threads: 1", outputs[4].Lines[1]);
        var reference = outputs[0].Runs;
        Assert.True(reference.Length >= 90, $"the probe printed {reference.Length} runs:\n{outputs[0].Text}");
        for (int e = 1; e < Environments.Length; e++)
        {
            var lines = outputs[e].Runs;
            var differing = reference.Zip(lines).Where(p => p.First != p.Second).Select(p => $"  {p.First}\n  {p.Second}").ToList();
            Assert.True(lines.Length == reference.Length && differing.Count == 0,
                $"{Environments[e].Name} ({isa[e]}) differs from the default ({isa[0]}) in {differing.Count} of {reference.Length} runs:\n"
                + string.Join("\n", differing.Take(10)));
        }
    }

    [Theory]
    [InlineData("v3")] [InlineData("v1")] [InlineData("fw2")] [InlineData("adagrad")]
    public async Task Prunadag_run_writes_the_same_result_on_every_instruction_set(string method)
    {
        string dir = Path.Combine(Path.GetTempPath(), "prunadag-crossisa-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // 70 × 1001 least squares (n not a multiple of 8), written as a problem file once.
            var p = RandomLeastSquares.Create(MatrixClass.A1, 21, 70, 1001);
            var ls = (LeastSquaresObjective)p.Objective;
            string problem = Path.Combine(dir, "problem.json");
            ProblemFile.Save(problem, ((DenseOperator)ls.Operator).ToMatrix(), ls.B, p.X0, p.TargetRelevant);
            var texts = await Task.WhenAll(Environments.Select(async (e, i) =>
            {
                string output = Path.Combine(dir, $"result-{i}.json");
                var r = await Run(e.Variable, "PrunAdag.Cli.dll", "run", "--problem", problem, "--method", method,
                    "--max-iter", "300", "--output", output);
                Assert.True(r.ExitCode == 0, $"prunadag run under {e.Name} exited {r.ExitCode}:\n{r.Text}");
                // Everything but the wall-clock time.
                return string.Join("\n", File.ReadAllLines(output).Where(l => !l.TrimStart().StartsWith("\"elapsedSeconds\"", StringComparison.Ordinal)));
            }));
            Assert.Contains("\"x\": [", texts[0]);
            for (int e = 1; e < texts.Length; e++)
                Assert.True(texts[0] == texts[e], $"prunadag run --method {method}: the result under {Environments[e].Name} differs from the default run.");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The same whole runs on any machine: the probe's runs here against the runs recorded on one machine
    /// (<c>reference-runs.txt</c>, which names its CPU), whatever this machine's CPU and vector width, when the two share
    /// a platform (runtime identifier and C library, whose exp, log and cos the problems and losses use). On another
    /// platform it is skipped with the reason, except under <c>CI=true</c>, where CI's platform must be the recorded one.
    /// </summary>
    [SkippableFact]
    public async Task Every_run_gives_the_bits_recorded_on_the_reference_machine()
    {
        // The file is the probe's own output (its header lines and runs) after comment lines.
        string file = Path.Combine(AppContext.BaseDirectory, "reference-runs.txt");
        var recorded = new Output(0, string.Join('\n', File.ReadAllLines(file).Where(l => !l.StartsWith('#'))));
        var output = await Run(null, "PrunAdag.IsaProbe.dll", "60");
        Assert.True(output.ExitCode == 0, $"the probe exited {output.ExitCode}:\n{output.Text}");
        string recordedPlatform = recorded.Platform, platform = output.Platform, here = $"{output.Cpu}, {output.Isa}";
        var reference = recorded.Runs;
        if (platform != recordedPlatform)
        {
            string reason = $"the reference runs were recorded on {recordedPlatform[10..]}, this is {platform[10..]}, whose C math library may round exp/log/cos differently";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"CI=true: {reason}; record CI's platform with `bash eng/record-reference-runs.sh`.");
            Skip.If(true, reason);
        }
        var runs = output.Runs;
        Assert.True(reference.Length >= 90 && runs.Length == reference.Length,
            $"{reference.Length} recorded runs, {runs.Length} here: a method or problem was added or removed without `bash eng/record-reference-runs.sh`.");
        var differing = reference.Zip(runs).Where(p => p.First != p.Second).Select(p => $"  recorded {p.First}\n  here     {p.Second}").ToList();
        Assert.True(differing.Count == 0,
            $"{differing.Count} of {reference.Length} runs differ from those recorded on {recorded.Cpu[5..]}, {recorded.Isa} (here: {here}):\n"
            + string.Join("\n", differing.Take(10))
            + "\nIf a change is meant to move bits, rerecord with `bash eng/record-reference-runs.sh` and say so in CHANGELOG.md.");
    }

    /// <summary>
    /// The vector loops run as fast in a long run as in a short one: no method the runtime has optimised keeps one of the
    /// Simd512/Simd256/Simd128 operations (or the multiply–add root, or the prefetch hint) as a call. Each such operation
    /// is a few instructions when inlined and a call with its vectors passed through memory when not; a loop inlined into
    /// a caller that had spent its inlining budget kept them as calls (the threaded Adam step, 10× slower after the
    /// runtime recompiled it; <c>SimdLoop</c>). The probe runs with call counting from the first call, so its hot methods
    /// reach the runtime's final tier during the run, and with the JIT's listings printed, which are scanned.
    /// </summary>
    [Theory]
    [InlineData(null)] [InlineData("DOTNET_EnableAVX512")] [InlineData("DOTNET_EnableAVX2")]
    public async Task No_optimised_method_leaves_a_vector_operation_as_a_call(string? variable)
    {
        // The listings go to the probe's standard output, between its own lines: written to a file instead
        // (DOTNET_JitStdOutFile), the runtime sometimes crashed at exit, after the probe's last run.
        var output = await Run(variable, "PrunAdag.IsaProbe.dll", ["60"],
            new() { ["DOTNET_TC_CallCountingDelayMs"] = "0", ["DOTNET_JitDisasm"] = "*" });
        Assert.True(output.ExitCode == 0, $"the probe exited {output.ExitCode}:\n{output.Text[^Math.Min(output.Text.Length, 4000)..]}");
        var call = new System.Text.RegularExpressions.Regex(@"call\s+\[PrunAdag\.(Simd512|Simd256|Simd128|MultiplyAddSqrt|Prefetch)[:.]");
        string? method = null;
        // The probe's own lines can land inside a listing's line (the two are buffered apart).
        string isa = System.Text.RegularExpressions.Regex.Match(output.Text, "isa: (512|256|128)-bit").Value;
        int methods = 0, finalTier = 0;
        var offenders = new SortedDictionary<string, string>();
        foreach (string line in output.Text.Split('\n'))
        {
            if (line.StartsWith("; Assembly listing for method ", StringComparison.Ordinal))
            {
                methods++;
                method = line.Contains("Tier0)", StringComparison.Ordinal) ? null : line["; Assembly listing for method ".Length..].Trim();
                if (method is not null && method.Contains("(Tier1", StringComparison.Ordinal)) finalTier++;
            }
            else if (method is not null && call.IsMatch(line)) offenders.TryAdd(method, line.Trim());
        }
        Assert.True(methods > 1000 && finalTier > 100,
            $"{methods} listings, {finalTier} at the final tier: the runtime did not list the JIT's code for the run (DOTNET_JitDisasm).");
        Assert.True(offenders.Count == 0, $"{isa}: {offenders.Count} optimised method(s) call a vector operation:\n"
            + string.Join("\n", offenders.Select(o => $"  {o.Key}\n    {o.Value}")));
    }

    private sealed record Output(int ExitCode, string Text)
    {
        public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string Isa => Lines[0];
        public string Platform => Lines[2];
        public string Cpu => Lines[3];

        /// <summary>The run lines, after the probe's four header lines (isa, threads, platform, cpu).</summary>
        public string[] Runs => Lines[4..];
    }

    /// <summary>Runs `dotnet <paramref name="dll"/>` from the test's folder with the variable set to 0 (1 for the processor count).</summary>
    private static Task<Output> Run(string? variable, string dll, params string[] args) => Run(variable, dll, args, []);

    /// <summary><see cref="Run(string?, string, string[])"/> with more variables set in the child's environment.</summary>
    private static async Task<Output> Run(string? variable, string dll, string[] args, Dictionary<string, string> more)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (string a in args) start.ArgumentList.Add(a);
        // The child must not inherit this process's own settings of the switches under test.
        foreach (var (_, v) in Environments) if (v is not null) start.Environment.Remove(v);
        if (variable is not null) start.Environment[variable] = variable == "DOTNET_PROCESSOR_COUNT" ? "1" : "0";
        foreach (var (name, value) in more) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Output(process.ExitCode, await stdout + await stderr);
    }
}
