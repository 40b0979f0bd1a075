using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

public class ResultFileErrorTests
{
    // A valid V3 result with K = 2 steps on n = 3.
    private static string Result(string method = "\"v3\"", string gradNorm = "[3,2,1]", string optimisable = "[1,1]", string x = "[0.5,0,1]", string stop = "\"IterationLimit\"") =>
        "{\"method\":" + method + ",\"n\":3,\"targetRelevant\":1,\"iterations\":2,\"stopReason\":" + stop + ",\"f\":0.25,\"elapsedSeconds\":0.1," +
        "\"options\":{\"maxIterations\":2},\"x\":" + x + ",\"gradNorm\":" + gradNorm + ",\"belowDelta\":[0,0.25,0.5]," +
        "\"optimisable\":" + optimisable + ",\"acceptable\":[0,0],\"decreasable\":[2,2]}";

    [Fact]
    public void The_valid_sample_loads()
    {
        var r = ResultFile.Parse(Result());
        Assert.Equal(Method.V3, r.Method);
        Assert.Equal(2, r.Options.MaxIterations);
        Assert.Equal([0.5, 0, 1], r.Solution.ToArray());
    }

    [Theory]
    [InlineData("\"v9\"", "[3,2,1]", "[1,1]", "[0.5,0,1]", "\"IterationLimit\"", "field \"method\" is \"v9\"; expected one of v1, v2, v3, v4, relevant-only, adagrad, fw1, fw2")]
    [InlineData("\"v3\"", "[3,2]", "[1,1]", "[0.5,0,1]", "\"IterationLimit\"", "field \"gradNorm\" has 2 entries; expected 3")]
    [InlineData("\"v3\"", "[3,2,1]", "[1]", "[0.5,0,1]", "\"IterationLimit\"", "field \"optimisable\" has 1 entries; expected 2")]
    [InlineData("\"v3\"", "[3,2,1]", "[1,1]", "[0.5,0]", "\"IterationLimit\"", "field \"x\" has 2 entries; expected 3")]
    [InlineData("\"v3\"", "[3,2,1]", "[1,1]", "[0.5,\"NaN\",1]", "\"IterationLimit\"", "field \"x\", index 1 is not finite (NaN)")]
    [InlineData("\"v3\"", "[3,2,1]", "[1,-1]", "[0.5,0,1]", "\"IterationLimit\"", "field \"optimisable\", index 1 = -1 must be ≥ 0")]
    [InlineData("\"v3\"", "[3,2,1]", "[1,1]", "[0.5,0,1]", "\"Bored\"", "field \"stopReason\" is \"Bored\"")]
    public void A_broken_result_is_a_one_line_FormatException_naming_the_field(string method, string gradNorm, string optimisable, string x, string stop, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ResultFile.Parse(Result(method, gradNorm, optimisable, x, stop), "result.json"));
        Assert.StartsWith("result.json: ", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
