using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

/// <summary>
/// A result file keeps everything the run's trace recorded: f(x_k) (RecordObjective), the kept iterates (IterateEvery)
/// and the evaluation hook's values (Evaluate), bit for bit; and a file whose parts disagree is refused naming the field.
/// </summary>
public class ResultFileTraceTests
{
    private static MinimizationResult RunWithEverything(Method method, int maxIterations = 23)
    {
        var p = SmallProblem.Create();
        int calls = 0;
        var options = method.DefaultOptions with
        {
            MaxIterations = maxIterations, RecordObjective = true, IterateEvery = 5, EvaluateEvery = 4,
            Evaluate = x =>
            {
                calls++;
                var values = new Dictionary<string, double> { ["x₀·3"] = x[0] * 3, ["always NaN"] = double.NaN };
                if (calls % 2 == 0) values["every other"] = calls; // missing from odd evaluations: NaN there
                return values;
            },
        };
        return Minimizer.Create(method, options).Minimize(p.ToObjective(), p.X0);
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("adagrad")]
    [InlineData("fw2")]
    public void Values_iterates_and_evaluations_load_back_bit_for_bit(string name)
    {
        var r = RunWithEverything(Method.Parse(name));
        using var tmp = new TempFolder();
        string path = tmp.File("r.json");

        ResultFile.Save(path, r);
        var back = ResultFile.Load(path);

        int k = r.Iterations;
        Assert.Equal(23, k);
        Assert.Equal(k + 1, back.ObjectiveValues!.Count);
        for (int i = 0; i <= k; i++)
            Assert.True(SmallProblem.SameBits(r.Trace.Value![i], back.ObjectiveValues[i]), $"objectiveValues[{i}]");
        // IterateEvery = 5: x_0, x_5, …, x_20 and the last, x_23.
        Assert.Equal([0, 5, 10, 15, 20, 23], back.Iterates.Select(s => s.Iteration));
        for (int s = 0; s < back.Iterates.Count; s++)
            for (int i = 0; i < r.Dimension; i++)
                Assert.True(SmallProblem.SameBits(r.Trace.Iterates[s].X[i], back.Iterates[s].X[i]), $"iterates[{s}].x[{i}]");
        // EvaluateEvery = 4: k = 0, 4, …, 20 and the last, 23.
        var ev = back.Evaluations!;
        Assert.Equal([0, 4, 8, 12, 16, 20, 23], ev.Iterations);
        Assert.Equal(ev.Iterations.Select(i => (double)i), ev.Epochs); // a deterministic objective: an epoch is one iteration
        Assert.Equal(["x₀·3", "always NaN", "every other"], ev.Names);
        foreach (string column in ev.Names)
            for (int i = 0; i < ev.Count; i++)
                Assert.True(SmallProblem.SameBits(r.Trace.Evaluations![column][i], ev[column][i]), $"{column}[{i}]");
        Assert.True(double.IsNaN(ev["every other"][0]));
        Assert.Equal(2.0, ev["every other"][1]);
    }

    [Fact]
    public void The_recorded_values_are_f_at_the_kept_iterates()
    {
        // Independent of the library's Value: ½‖Ax − b‖² by plain loops at each kept iterate, read through System.Text.Json.
        var r = RunWithEverything(Method.V1);
        using var tmp = new TempFolder();
        string path = tmp.File("r.json");
        ResultFile.Save(path, r);
        var p = SmallProblem.Create();

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var values = root.GetProperty("objectiveValues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int checkedIterates = 0;
        foreach (var item in root.GetProperty("iterates").EnumerateArray())
        {
            int k = item.GetProperty("k").GetInt32();
            var x = item.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double f = 0;
            for (int i = 0; i < p.A.RowCount; i++)
            {
                double ri = -p.B[i];
                for (int j = 0; j < x.Length; j++) ri += p.A[i, j] * x[j];
                f += ri * ri;
            }
            f *= 0.5;
            Assert.True(Math.Abs(values[k] - f) <= 1e-12 * Math.Max(1, f), $"f(x_{k}) = {f}, file says {values[k]}");
            checkedIterates++;
        }
        Assert.Equal(6, checkedIterates);
    }

    [Fact]
    public void A_run_that_recorded_none_of_them_writes_none_of_the_fields()
    {
        var p = SmallProblem.Create();
        var r = Minimizer.Create(Method.V3, Method.V3.DefaultOptions with { MaxIterations = 10 }).Minimize(p.ToObjective(), p.X0);
        using var tmp = new TempFolder();
        string path = tmp.File("r.json");
        ResultFile.Save(path, r);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (string field in new[] { "objectiveValues", "iterates", "evaluations" })
            Assert.False(doc.RootElement.TryGetProperty(field, out _), field);
        var back = ResultFile.Load(path);
        Assert.Null(back.ObjectiveValues);
        Assert.Empty(back.Iterates);
        Assert.Null(back.Evaluations);
    }

    [Fact]
    public void A_hook_that_returned_no_values_keeps_its_evaluated_iterations()
    {
        var p = SmallProblem.Create();
        var options = Method.Adagrad.DefaultOptions with { MaxIterations = 6, EvaluateEvery = 3, Evaluate = _ => new Dictionary<string, double>() };
        var r = Minimizer.Create(Method.Adagrad, options).Minimize(p.ToObjective(), p.X0);
        using var tmp = new TempFolder();
        string path = tmp.File("r.json");
        ResultFile.Save(path, r);

        var back = ResultFile.Load(path).Evaluations!;
        Assert.Equal([0, 3, 6], back.Iterations);
        Assert.Empty(back.Names);
    }

    /// <summary>The saved text of a 23-step V3 run with every part recorded, for the malformed-file cases.</summary>
    private static JsonElement SavedRun(TempFolder tmp)
    {
        string path = tmp.File("good.json");
        ResultFile.Save(path, RunWithEverything(Method.V3));
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    private static string Replace(JsonElement root, string field, string json)
    {
        var parts = root.EnumerateObject().Select(p => $"\"{p.Name}\": {(p.Name == field ? json : p.Value.GetRawText())}");
        return "{" + string.Join(",\n", parts) + "}";
    }

    [Theory]
    [InlineData("objectiveValues", "[1, 2, 3]", "field \"objectiveValues\" has 3 entries; expected 24 (one per iterate x_0..x_K, K = 23)")]
    [InlineData("objectiveValues", "[\"a\"]", "field \"objectiveValues\" has 1 entries")]
    [InlineData("iterates", "{}", "field \"iterates\" is a object; expected an array of objects")]
    [InlineData("iterates", "[3]", "field \"iterates\", index 0 is a number; expected an object")]
    [InlineData("iterates", "[{\"k\": 24, \"x\": []}]", "field \"iterates\", index 0: field \"k\" = 24 is past the last iterate, K = 23")]
    [InlineData("iterates", "[{\"k\": -1, \"x\": []}]", "field \"iterates\", index 0: field \"k\" = -1 must be ≥ 0")]
    [InlineData("iterates", "[{\"k\": 0, \"x\": [1]}]", "field \"iterates\", index 0: field \"x\" has 1 entries; expected 40 (n = 40)")]
    [InlineData("iterates", "[{\"x\": []}]", "field \"iterates\", index 0: missing field \"k\"")]
    [InlineData("evaluations", "[]", "field \"evaluations\" is a array; expected an object")]
    [InlineData("evaluations", "{\"iterations\": [0, 4], \"epochs\": [0]}", "field \"evaluations\": field \"epochs\" has 1 entries; expected 2 (one per evaluation, 2 in \"iterations\")")]
    [InlineData("evaluations", "{\"iterations\": [4, 4], \"epochs\": [4, 4]}", "field \"evaluations\": field \"iterations\", index 1 = 4 does not follow 4 (increasing k)")]
    [InlineData("evaluations", "{\"iterations\": [0, 30], \"epochs\": [0, 30]}", "field \"evaluations\": field \"iterations\", index 1 = 30 is past the last iterate, K = 23")]
    [InlineData("evaluations", "{\"iterations\": [0, 4], \"epochs\": [0, -1]}", "field \"evaluations\": field \"epochs\", index 1 = -1 is negative")]
    [InlineData("evaluations", "{\"iterations\": [0], \"epochs\": [0], \"values\": {\"loss\": [1, 2]}}", "field \"evaluations\": field \"values\": field \"loss\" has 2 entries; expected 1")]
    [InlineData("evaluations", "{\"iterations\": [0], \"epochs\": [0], \"values\": {\"loss\": [1], \"loss\": [2]}}", "field \"evaluations\": field \"values\": field \"loss\" appears more than once")]
    public void A_malformed_part_is_refused_naming_the_file_and_field(string field, string json, string expected)
    {
        using var tmp = new TempFolder();
        string text = Replace(SavedRun(tmp), field, json);

        var ex = Assert.Throws<FormatException>(() => ResultFile.Parse(text, "r.json"));

        Assert.StartsWith("r.json: ", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Iterates_out_of_order_are_refused()
    {
        using var tmp = new TempFolder();
        var root = SavedRun(tmp);
        string x = root.GetProperty("x").GetRawText();
        string text = Replace(root, "iterates", $"[{{\"k\": 5, \"x\": {x}}}, {{\"k\": 2, \"x\": {x}}}]");

        var ex = Assert.Throws<FormatException>(() => ResultFile.Parse(text, "r.json"));

        Assert.Equal("r.json: field \"iterates\", index 1: field \"k\" = 2 does not follow k = 5 of the iterate before it (increasing k).", ex.Message);
    }
}
