using System.Text;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.IO;
using PrunAdag.Tests.Data;
using Xunit.Abstractions;

namespace PrunAdag.Tests.IO;

/// <summary>The problem and result JSON readers under mutation: only FormatException, naming the file.</summary>
public class JsonFileFuzzTests(ITestOutputHelper output)
{
    // JSON-aware mutations: a number replaced by an extreme token, a bracket duplicated or dropped,
    // a huge nesting, a key renamed.
    private static byte[] JsonMutation(Random rng, byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        string[] tokens = ["1e400", "-1e400", "NaN", "\"NaN\"", "Infinity", "null", "true", "\"x\"", "[]", "{}", "123456789012345678901234567890", "-0", "1e-400"];
        switch (rng.Next(4))
        {
            case 0:
            {
                int at = rng.Next(text.Length);
                while (at < text.Length && !(char.IsDigit(text[at]) || text[at] == '-')) at++;
                if (at >= text.Length) return valid;
                int end = at;
                while (end < text.Length && "0123456789.eE+-".Contains(text[end])) end++;
                return Encoding.UTF8.GetBytes(text[..at] + tokens[rng.Next(tokens.Length)] + text[end..]);
            }
            case 1:
            {
                int at = text.IndexOfAny(['[', ']', '{', '}'], rng.Next(text.Length));
                if (at < 0) return valid;
                return Encoding.UTF8.GetBytes(rng.Next(2) == 0 ? text.Remove(at, 1) : text.Insert(at, text[at].ToString()));
            }
            case 2:
                return Encoding.UTF8.GetBytes(text.Replace("\"b\":", "\"b\":" + new string('[', 5000)));
            default:
            {
                string[] keys = ["\"A\"", "\"b\"", "\"x0\"", "\"kind\"", "\"x\"", "\"method\"", "\"iterations\"", "\"gradNorm\""];
                string k = keys[rng.Next(keys.Length)];
                return Encoding.UTF8.GetBytes(text.Replace(k, "\"zz\""));
            }
        }
    }

    [Fact]
    public void Mutated_problem_files_give_only_format_exceptions()
    {
        var rng = new Random(5);
        var a = Matrix<double>.Build.Dense(3, 5, (i, j) => Math.Round(rng.NextDouble() - 0.5, 3));
        var b = Vector<double>.Build.Dense(3, i => i + 0.25);
        var x0 = Vector<double>.Build.Dense(5, i => i == 1 ? 1.0 : 0.0);
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "p.json");
        ProblemFile.Save(path, a, b, x0);
        var r = Fuzzer.Run(File.ReadAllBytes(path), p => ProblemFile.Load(p), cases: 2000, seed: 77, JsonMutation);
        output.WriteLine($"problem JSON: {r.Cases} cases, {r.Accepted} accepted, {r.Rejected} FormatException");
        Assert.True(r.Rejected > r.Cases / 4);
    }

    [Fact]
    public void Mutated_result_files_give_only_format_exceptions()
    {
        var f = Objective.Create(4, (x, g) => { for (int i = 0; i < 4; i++) g[i] = x[i] - i; }, x => 0.0);
        var result = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 1, MaxIterations = 3 })
            .Minimize(f, Vector<double>.Build.Dense([1.0, 0, 0, 0]));
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "r.json");
        ResultFile.Save(path, result);
        var r = Fuzzer.Run(File.ReadAllBytes(path), p => ResultFile.Load(p), cases: 2000, seed: 78, JsonMutation);
        output.WriteLine($"result JSON: {r.Cases} cases, {r.Accepted} accepted, {r.Rejected} FormatException");
        Assert.True(r.Rejected > r.Cases / 4);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_a_format_exception_naming_the_byte()
    {
        // {"kind":"least-squares"...} with the byte 0xFF at offset 9, inside the "kind" string.
        var bytes = Encoding.UTF8.GetBytes("{\"kind\":\"least-squares\",\"A\":[[1]],\"b\":[1],\"x0\":[0]}");
        bytes[9] = 0xFF;
        var dir = Directory.CreateTempSubdirectory();
        var path = Path.Combine(dir.FullName, "bad.json");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FormatException>(() => ProblemFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("offset 9", e.Message);
    }
}
