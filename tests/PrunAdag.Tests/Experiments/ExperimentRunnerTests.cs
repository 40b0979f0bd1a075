using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Experiments;
using PrunAdag.Problems;

namespace PrunAdag.Tests.Experiments;

public class ExperimentRunnerTests
{
    internal static TestProblem SmallProblem(string name, int seed)
    {
        var rng = new Random(seed * 31 + name.Length);
        int m = 12, n = 40;
        var a = Matrix<double>.Build.Dense(m, n, (_, _) => rng.NextDouble() - 0.5);
        var xs = Vector<double>.Build.Dense(n, _ => rng.NextDouble() - 0.5);
        var x0 = Vector<double>.Build.Dense(n, i => i < 4 ? 0.5 : 0.0);
        return new TestProblem { Name = name, Kind = "least-squares", Seed = seed, Objective = Objective.LeastSquares(a, a * xs), X0 = x0, TargetRelevant = 4 };
    }

    private static ExperimentPlan Plan(int jobs) => new()
    {
        Experiment = "test", Problems = ["p1", "p2"], Methods = [Method.V3, Method.Adagrad, Method.FW2],
        Seeds = [1, 2, 3], ProblemFactory = SmallProblem, MaxIterations = 300, Jobs = jobs,
        Sigmas = [0.1, 0.5, 0.9],
    };

    [Fact]
    public void Results_are_bitwise_identical_whatever_the_number_of_jobs()
    {
        var serial = ExperimentRunner.Run(Plan(1));
        var parallel = ExperimentRunner.Run(Plan(4));
        Assert.True(serial.Completed && parallel.Completed);
        Assert.Equal(2 * 3 * 3, serial.Records.Count);
        Assert.Equal(serial.Records.Count, parallel.Records.Count);
        for (int i = 0; i < serial.Records.Count; i++)
        {
            var s = serial.Records[i]; var p = parallel.Records[i];
            Assert.Equal((s.Problem, s.Method, s.Seed, s.Iterations, s.StopReason), (p.Problem, p.Method, p.Seed, p.Iterations, p.StopReason));
            Assert.Equal(BitConverter.DoubleToInt64Bits(s.FinalGradientNorm), BitConverter.DoubleToInt64Bits(p.FinalGradientNorm));
            Assert.Equal(s.Profile.Points.Select(x => BitConverter.DoubleToInt64Bits(x.Rho)), p.Profile.Points.Select(x => BitConverter.DoubleToInt64Bits(x.Rho)));
            Assert.Equal(s.Profile.Points.Select(x => BitConverter.DoubleToInt64Bits(x.Omega)), p.Profile.Points.Select(x => BitConverter.DoubleToInt64Bits(x.Omega)));
        }
    }

    [Fact]
    public void Each_method_is_its_own_work_and_an_instance_is_built_once_per_job_at_most()
    {
        // 2 problems × 3 seeds = 6 instances of 3 methods each: one job builds each instance once and reuses it for all three
        // methods; four jobs (more than the instances' methods in flight) build none more than four times.
        foreach (int jobs in new[] { 1, 4 })
        {
            var built = new System.Collections.Concurrent.ConcurrentDictionary<(string, int), int>();
            var plan = Plan(jobs) with { ProblemFactory = (name, seed) => { built.AddOrUpdate((name, seed), 1, (_, c) => c + 1); return SmallProblem(name, seed); } };
            var results = ExperimentRunner.Run(plan);
            Assert.True(results.Completed);
            Assert.Equal(6, built.Count);
            Assert.All(built.Values, c => Assert.InRange(c, 1, jobs == 1 ? 1 : 3));
        }
    }

    [Fact]
    public void Records_come_back_in_plan_order_and_only_the_first_seed_keeps_its_run()
    {
        var results = ExperimentRunner.Run(Plan(2));
        var expected = from p in new[] { "p1", "p2" } from s in new[] { 1, 2, 3 } from m in new[] { Method.V3, Method.Adagrad, Method.FW2 } select (p, s, m);
        Assert.Equal(expected, results.Records.Select(r => (r.Problem, r.Seed, r.Method)));
        Assert.All(results.Records, r => Assert.Equal(r.Seed == 1, r.Run is not null));
    }

    [Fact]
    public void Cancelling_keeps_the_finished_runs_and_reports_incomplete()
    {
        using var cts = new CancellationTokenSource();
        int seen = 0;
        var results = ExperimentRunner.Run(Plan(1), onRecord: _ => { if (++seen == 4) cts.Cancel(); }, cancellationToken: cts.Token);
        Assert.False(results.Completed);
        Assert.Equal(4, results.Records.Count);
    }

    [Fact]
    public void Csv_has_the_documented_columns_and_one_row_per_sigma()
    {
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "results.csv");
        var plan = Plan(2);
        ExperimentResults results;
        using (var csv = new ExperimentCsv(path))
        {
            Assert.True(File.Exists(csv.PartialPath));
            results = ExperimentRunner.Run(plan, onRecord: csv.Append);
            csv.Complete(results);
        }
        Assert.False(File.Exists(path + ".partial"));
        var lines = File.ReadAllLines(path);
        Assert.Equal("experiment,problem,method,seed,sigma,achieved_sparsity,rho,omega,accuracy,iterations,final_grad_norm,stop_reason,seconds", lines[0]);
        Assert.Equal(results.Records.Count * plan.Sigmas.Count + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(13, l.Split(',').Length));
        Assert.StartsWith("test,p1,v3,1,10,", lines[1]);
        var md = ExperimentTables.ToMarkdown(results);
        Assert.Contains("| prunAdag-V3 | 3 |", md);
        Assert.Contains("σ = 90%", md);
    }

    [Fact]
    public void A_failing_instance_rethrows_its_own_exception_not_an_AggregateException()
    {
        // What an empty or corrupt data file does: the problem factory throws a FormatException for one problem.
        var plan = Plan(2) with
        {
            ProblemFactory = (name, seed) => name == "p2" ? throw new FormatException($"{name}.gz: byte offset 0: the file is empty (0 bytes).") : SmallProblem(name, seed),
        };
        var seen = new List<ExperimentRecord>();
        var ex = Assert.Throws<FormatException>(() => ExperimentRunner.Run(plan, onRecord: seen.Add));
        Assert.Equal("p2.gz: byte offset 0: the file is empty (0 bytes).", ex.Message);
    }

    [Fact]
    public void A_plan_listing_a_method_twice_is_rejected()
    {
        var plan = Plan(1) with { Methods = [Method.V1, Method.V3, Method.V1] };
        var ex = Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(plan));
        Assert.Contains("v1 2 times", ex.Message);
    }
}
