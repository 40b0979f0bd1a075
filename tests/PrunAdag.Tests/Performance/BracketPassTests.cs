namespace PrunAdag.Tests.Performance;

/// <summary>
/// Step 1 with a remembered threshold (the bracket pass: sixteen lanes a step on 512-bit vectors, then eight, then the
/// scalar tail; eight a step in two or four registers on 256 and 128 bits) at every length where those parts meet,
/// against the straightforward selection. The test command runs it at every vector width.
/// </summary>
public class BracketPassTests
{
    public static TheoryData<int> Lengths()
    {
        var d = new TheoryData<int>();
        foreach (int n in new[] { 2, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 47, 48, 1000, 1001, 1007, 1008, 1015, 1016, 1017 })
            d.Add(n);
        return d;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Hinted_cut_equals_the_straightforward_cut_at_every_length(int n)
    {
        // Drifting vectors keep the bracket hitting, so each call runs the pass; the in-bracket lanes fall at every
        // position of a sixteen, an eight and the tail. Ties (a coarse grid of values) and zeros are included.
        var rng = new Random(n);
        var scratch = new double[n];
        SelectionHint hint = default;
        var baseG = Enumerable.Range(0, n).Select(_ => BitwiseInputs.Gaussian(rng)).ToArray();
        for (int k = 0; k < 30; k++)
        {
            double[] g = k % 6 == 5
                ? Enumerable.Range(0, n).Select(_ => Math.Round(4 * BitwiseInputs.Gaussian(rng)) / 4).ToArray()
                : baseG.Select(v => v * (1 + 0.002 * k) + 1e-3 * BitwiseInputs.Gaussian(rng)).ToArray();
            foreach (int t in new[] { 1, Math.Max(1, n / 10), Math.Max(1, n / 2), n - 1 })
            {
                var expected = StraightforwardSelection.Find(g, t);
                var actual = RelevantSet.Find(g, t, scratch, ref hint);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
                Assert.Equal(expected.TiesToTake, actual.TiesToTake);
            }
        }
    }

    [Theory]
    [InlineData(1000, 3)] [InlineData(1000, 12)] [InlineData(1000, 991)] [InlineData(1007, 1006)] [InlineData(17, 16)]
    public void NaN_after_a_remembered_threshold_is_rejected_naming_its_index(int n, int at)
    {
        // The first call leaves a valid hint; the NaN of the second is met by the bracket pass, in the sixteen-lane
        // loop, the eight-lane step or the tail depending on its index.
        var rng = new Random(at);
        var g = Enumerable.Range(0, n).Select(_ => BitwiseInputs.Gaussian(rng)).ToArray();
        var scratch = new double[n];
        SelectionHint hint = default;
        RelevantSet.Find(g, n / 10 + 1, scratch, ref hint);
        g[at] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => RelevantSet.Find(g, n / 10 + 1, scratch, ref hint));
        Assert.Contains($"index {at}", ex.Message);
    }
}
