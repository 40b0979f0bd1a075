namespace PrunAdag;

// Steps 2–6 of a long range on several threads (PrunAdagStep.cs holds the algorithm; this is only how its loop is shared).
internal sealed partial class PrunAdagKernel
{
    private Numerics.StepPass? _pass;
    private readonly int[] _blockTies = new int[Numerics.StepPass.MaxBlocks];
    // The range in flight while _pass runs (the blocks read these).
    private int _rangeAt, _k;
    private double _ratio, _delta, _threshold;
    private bool _all;

    /// <summary>
    /// <see cref="StepRange"/> on a long range in blocks that several threads share (<see cref="Numerics.StepPass"/>), with
    /// the bits and counts of one call. R_k's ties go to the smallest indices (C1), so each block's share of them is
    /// counted first, in index order; then the blocks can run in any order.
    /// </summary>
    private void StepInBlocks(int k, double ratio, double delta, Span<double> x, ReadOnlySpan<double> g, int at, int blocks,
        ref RelevantCursor cursor, ref int optimisable, ref int below)
    {
        for (int b = 0; b < blocks; b++)
        {
            var (start, end) = Numerics.StepPass.Block(x.Length, blocks, b);
            int ties = cursor.All ? 0 : RelevanceMask.CountTies(g[start..end], cursor.Threshold, cursor.TiesLeft);
            _blockTies[b] = ties;
            cursor = new RelevantCursor(cursor.Threshold, cursor.TiesLeft - ties, cursor.All);
        }
        _rangeAt = at; _k = k; _ratio = ratio; _delta = delta; _threshold = cursor.Threshold; _all = cursor.All;
        var (o, d) = (_pass ??= new Numerics.StepPass(StepBlock)).Run(x, g, blocks);
        optimisable += o; below += d;
    }

    // One block of StepInBlocks, on whichever thread takes it: (|O_k| there, #{|x_i| < δ} there).
    private (int, int) StepBlock(int b, int start, Span<double> x, ReadOnlySpan<double> g)
    {
        int optimisable = 0, below = 0;
        var cursor = new RelevantCursor(_threshold, _blockTies[b], _all);
        StepRange(_k, _ratio, _delta, x, g, _wO.Span.Slice(_rangeAt + start, x.Length), _wD.Span.Slice(_rangeAt + start, x.Length),
            ref cursor, ref optimisable, ref below);
        return (optimisable, below);
    }
}
