using System.CommandLine;
using System.Globalization;
using PrunAdag.Problems;
using PrunAdag.Cli.Output;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// <c>prunadag demo</c> (and <c>prunadag</c> alone): a random under-determined least-squares problem,
/// the paper's seven methods on it, and a comparison table with ρ at σ = 10%, …, 70%.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The demo's knobs (defaults: the paper's random least-squares size and iteration limit).</summary>
    public sealed record Settings
    {
        public int Seed { get; init; } = 1;
        public int MaxIterations { get; init; } = 10_000;
        public int M { get; init; } = 100;
        public int N { get; init; } = 1000;
        public MatrixClass Class { get; init; } = MatrixClass.A1;
    }

    /// <summary>σ (percent) at which ρ is reported.</summary>
    public static readonly IReadOnlyList<int> SigmasPercent = [10, 20, 30, 40, 50, 60, 70];

    // The classes by the names of the catalogue (random-ls:A1 … random-ls:A5-01).
    private static readonly (string Name, MatrixClass Class)[] ClassNames =
    [
        ("A1", MatrixClass.A1), ("A2", MatrixClass.A2), ("A3", MatrixClass.A3), ("A4", MatrixClass.A4),
        ("A5", MatrixClass.A5), ("A6", MatrixClass.A6), ("A5-01", MatrixClass.A5ZeroOne),
    ];

    private static string NameOf(MatrixClass c) => ClassNames.First(k => k.Class == c).Name;

    public static Command Create()
    {
        var defaults = new Settings();
        var seed = Options.Int("--seed", "Seed of the random problem.", defaults.Seed, int.MinValue, "SEED");
        var maxIter = Options.Int("--max-iter", "The iteration limit of every method.", defaults.MaxIterations, 0);
        var m = Options.Int("--m", "Rows of A (observations).", defaults.M, 1, "M");
        var n = Options.Int("--n", "Columns of A (variables, n ≥ m); T = max(1, floor(n/10)).", defaults.N, 1, "N");
        var cls = new Option<MatrixClass>("--class")
        {
            Description = $"The paper's matrix class: {string.Join(", ", ClassNames.Select(k => k.Name))} (A5-01 is A5's {{0, 1}} reading).",
            DefaultValueFactory = _ => defaults.Class, HelpName = "CLASS",
            // The catalogue's names only: not .NET's enum parsing, which would take "7" or "A5ZeroOne".
            CustomParser = r =>
            {
                string tok = r.Tokens.Count > 0 ? r.Tokens[^1].Value.Trim() : "";
                foreach (var (name, c) in ClassNames) if (string.Equals(name, tok, StringComparison.OrdinalIgnoreCase)) return c;
                r.AddError($"--class: '{tok}' is not one of {string.Join(", ", ClassNames.Select(k => k.Name))}.");
                return defaults.Class;
            },
        };
        var cmd = new Command("demo", "Run V1-V4, Adagrad, FW1 and FW2 on a random under-determined least-squares problem and compare them.")
        {
            seed, maxIter, m, n, cls,
        };
        cmd.SetAction(p => Execute(new Settings
        {
            Seed = p.GetValue(seed), MaxIterations = p.GetValue(maxIter), M = p.GetValue(m), N = p.GetValue(n), Class = p.GetValue(cls),
        }, p.InvocationConfiguration.Output));
        return cmd;
    }

    public static int Execute(Settings s, TextWriter stdout)
    {
        // Check the sizes before allocating A (m·n doubles).
        if (s.N < s.M)
            throw new CliUsageException($"--n {s.N} is smaller than --m {s.M}: the problems are under-determined, so n ≥ m.");
        if ((long)s.M * s.N > RandomLeastSquares.MaxEntries)
            throw new CliUsageException($"--m {s.M} --n {s.N}: A would have {(long)s.M * s.N} entries; the largest accepted size is m·n ≤ {RandomLeastSquares.MaxEntries} (2²⁸ entries, a 2 GiB matrix), e.g. --m 100 --n {RandomLeastSquares.MaxEntries / 100}.");
        var problem = RandomLeastSquares.Create(s.Class, s.Seed, s.M, s.N);
        int t = problem.TargetRelevant; // the paper's T = max(1, floor(n/10)) (100 for n = 1000)
        stdout.WriteLine($"Random least squares {NameOf(s.Class)}: m = {s.M}, n = {s.N}, T = {t}, seed = {s.Seed}, max-iter = {s.MaxIterations}.");
        stdout.WriteLine($"{problem.Description} x0 has T nonzero Gaussian entries, ‖x0‖ = 1.");
        stdout.WriteLine("FW1: τ = 50; FW2: τ = 100, β = 0.001; prunAdag and Adagrad: ς = 0.01, η = 1.");
        stdout.WriteLine();

        var headers = new List<string> { "method", "iterations", "stop reason", "final ‖g‖" };
        headers.AddRange(SigmasPercent.Select(p => $"ρ@{p}%"));
        var table = new TextTable([.. headers]);
        var sigmas = SigmasPercent.Select(p => p / 100.0).ToArray();
        foreach (var method in Method.PaperComparison)
        {
            // The runs are sequential, so they can share the objective (objectives keep scratch buffers).
            var objective = problem.Objective;
            var options = problem.OptionsFor(method) with { MaxIterations = s.MaxIterations };
            var result = Minimizer.Create(method, options).Minimize(objective, problem.X0);
            var profile = Pruning.Profile(objective, result.Solution, sigmas);
            var row = new List<string>
            {
                method.DisplayName, result.Iterations.ToString(CultureInfo.InvariantCulture),
                result.StopReason.ToString(), Options.G4(result.FinalGradientNorm),
            };
            row.AddRange(profile.Points.Select(pt => Options.G4(pt.Rho)));
            table.Add([.. row]);
        }
        stdout.Write(table.ToString());
        stdout.WriteLine();
        stdout.WriteLine("ρ = ‖∇f(x̄)‖ after zeroing the σn smallest |x_i| (smaller is better: the pruned point is still nearly stationary).");
        return ExitCodes.Success;
    }
}
