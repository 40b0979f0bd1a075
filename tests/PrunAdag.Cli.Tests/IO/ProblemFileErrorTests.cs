using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

public class ProblemFileErrorTests
{
    private const string Good = "\"kind\":\"least-squares\",\"A\":[[1,2,3],[4,5,6]]";

    [Theory]
    [InlineData("""{"kind":"least-squares","A":[[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4]],"b":[1,2,3,4],"x0":[0,0,0,0,0]}""", "field \"A\", row 3 has 4 entries; row 0 has 5")]
    [InlineData("{" + Good + ""","b":[1],"x0":[0,0,0]}""", "field \"b\" has 1 entries; expected 2")]
    [InlineData("{" + Good + ""","b":[1,2],"x0":[0,0]}""", "field \"x0\" has 2 entries; expected 3")]
    [InlineData("{" + Good + ""","b":[1,"NaN"],"x0":[0,0,0]}""", "field \"b\", index 1 is not finite (NaN)")]
    [InlineData("{" + Good + ""","b":[1,2],"x0":[0,1e400,0]}""", "field \"x0\", index 1 = 1e400 is not finite")]
    [InlineData("""{"kind":"least-squares","A":[[1,2,3],[4,"Infinity",6]],"b":[1,2],"x0":[0,0,0]}""", "field \"A\", row 1, column 1 is not finite")]
    [InlineData("{" + Good + ""","b":[1,2],"x0":[0,"x",0]}""", "field \"x0\", index 1 is the string \"x\"; expected a number")]
    [InlineData("{" + Good + ""","x0":[0,0,0]}""", "missing field \"b\"")]
    [InlineData("""{"A":[[1]],"b":[1],"x0":[0]}""", "missing field \"kind\"")]
    [InlineData("""{"kind":"logistic","A":[[1]],"b":[1],"x0":[0]}""", "field \"kind\" is \"logistic\"")]
    [InlineData("{" + Good + ""","b":[1,2],"x0":[0,0,0],"targetRelevant":4}""", "TargetRelevant (T) must be in 1..n = 3")]
    [InlineData("{" + Good + ""","b":[1,2],"x0":[0,0,0],"targetRelevant":0}""", "TargetRelevant (T) must be in 1..n = 3")]
    [InlineData("""{"kind":"least-squares","A":[],"b":[],"x0":[]}""", "field \"A\" has no rows")]
    [InlineData("""{"kind":"least-squares","A":[1,2],"b":[1],"x0":[0]}""", "field \"A\", row 0 is a number")]
    [InlineData("""[1,2,3]""", "the top level is a JSON array")]
    [InlineData("""{"kind":"least-squares","b":[1],"b":[2],"A":[[1]],"x0":[0]}""", "field \"b\" appears more than once")]
    [InlineData("{" + Good + ""","m":3,"b":[1,2],"x0":[0,0,0]}""", "field \"m\" = 3 but A has 2 rows")]
    public void A_broken_file_is_a_one_line_FormatException_naming_the_file_and_fault(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ProblemFile.Parse(json, "problem.json"));
        Assert.StartsWith("problem.json: ", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Malformed_json_reports_the_one_based_line_and_byte()
    {
        // The stray "]" is on line 3 (1-based), byte 8.
        string json = "{\n  \"kind\": \"least-squares\",\n  \"A\": ]\n}";
        var ex = Assert.Throws<FormatException>(() => ProblemFile.Parse(json, "broken.json"));
        Assert.StartsWith("broken.json: malformed JSON at line 3, byte 8", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException_naming_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "p.json");
        var ex = Assert.Throws<FileNotFoundException>(() => ProblemFile.Load(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Save_refuses_sizes_the_reader_would_reject()
    {
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3);
        var b2 = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(2);
        var x3 = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(3);
        var path = Path.Combine(Path.GetTempPath(), "unused.json");
        Assert.Contains("b has 3 entries", Assert.Throws<ArgumentException>(() => ProblemFile.Save(path, a, x3, x3)).Message);
        Assert.Contains("x0 has 2 entries", Assert.Throws<ArgumentException>(() => ProblemFile.Save(path, a, b2, b2)).Message);
        var nan = x3.Clone(); nan[1] = double.NaN;
        Assert.Contains("x0[1]", Assert.Throws<ArgumentException>(() => ProblemFile.Save(path, a, b2, nan)).Message);
    }
}
