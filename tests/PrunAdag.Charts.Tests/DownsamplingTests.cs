namespace PrunAdag.Charts.Tests;

public class DownsamplingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(500)]
    public void Short_traces_keep_every_point(int count) =>
        Assert.Equal(Enumerable.Range(0, count), Downsampling.Indices(count));

    [Theory]
    [InlineData(501, 500)]
    [InlineData(10_001, 500)]
    [InlineData(1_000_001, 500)]
    [InlineData(10_001, 50)]
    [InlineData(10_001, 2)]
    public void Long_traces_keep_first_last_and_at_most_the_cap(int count, int cap)
    {
        var idx = Downsampling.Indices(count, cap);
        Assert.InRange(idx.Length, 2, cap);
        Assert.Equal(0, idx[0]);
        Assert.Equal(count - 1, idx[^1]);
        for (int i = 1; i < idx.Length; i++) Assert.True(idx[i] > idx[i - 1], $"indices not strictly increasing at {i}");
    }

    [Fact]
    public void Long_traces_are_log_spaced_so_early_iterations_are_dense()
    {
        var idx = Downsampling.Indices(10_001, 500);
        // Log spacing: the first decade (k < 10) is kept whole and the second almost whole, while the
        // last decade [1000, 10000] gets well under half of the points (a uniform grid of 500 points
        // would put 2 points below 100 and 450 at or above 1000).
        Assert.Equal(Enumerable.Range(0, 10), idx.Where(k => k < 10));
        int early = idx.Count(k => k >= 10 && k < 100), late = idx.Count(k => k >= 1000);
        Assert.True(early >= 60, $"only {early} points in [10, 100)");
        Assert.True(late <= 250, $"{late} of {idx.Length} points in [1000, 10000]");
    }

    [Fact]
    public void A_cap_below_two_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Downsampling.Indices(100, 1));
}
