using System.Text;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

/// <summary>Encoding edge cases of the JSON readers: lone surrogate escapes are FormatExceptions with the offset; a BOM is accepted.</summary>
public class JsonEncodingTests
{
    private const string Problem = "{\"kind\":\"least-squares\",\"A\":[[1,2,3],[4,5,6]],\"b\":[1,2],\"x0\":[0,0,0]}";

    [Theory]
    [InlineData("\"kind\":\"least-squares\\ud800\"", 22, "a string value")]   // {"kind":"least-squares then the escape
    [InlineData("\"ki\\udfffnd\":\"least-squares\"", 4, "a key")]              // {"ki then the escape
    public void A_lone_surrogate_escape_in_a_problem_is_a_FormatException_with_file_and_offset(string replacement, int offset, string what)
    {
        string json = Problem.Replace("\"kind\":\"least-squares\"", replacement);
        Assert.Equal('\\', json[offset]);
        var ex = Assert.Throws<FormatException>(() => ProblemFile.Parse(json, "problem.json"));
        Assert.StartsWith($"problem.json: byte offset {offset} (line 1, byte {offset + 1}): {what} holds the lone UTF-16 surrogate escape", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_result_is_a_FormatException_with_file_and_line()
    {
        string json = "{\n\"method\": \"v3\\ud800\",\n\"n\": 1}";
        var ex = Assert.Throws<FormatException>(() => ResultFile.Parse(json, "r.json"));
        Assert.StartsWith("r.json: byte offset 15 (line 2, byte 14): a string value holds the lone UTF-16 surrogate escape \\ud800", ex.Message);
    }

    [Fact]
    public void A_problem_file_starting_with_a_byte_order_mark_loads()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Problem)]);
        var p = ProblemFile.Load(path);
        Assert.Equal((2, 3), (p.A.RowCount, p.A.ColumnCount));
    }

    [Fact]
    public void A_folder_given_as_a_problem_file_says_it_is_a_folder()
    {
        using var tmp = new TempFolder();
        var ex = Assert.Throws<IOException>(() => ProblemFile.Load(tmp.Path));
        Assert.Equal($"{tmp.Path}: is a folder, not a file.", ex.Message);
    }
}
