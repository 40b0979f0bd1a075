namespace PrunAdag;

// Steps 2–6 of a long range on several threads (PrunAdagStep.cs holds the algorithm; this is only how its loop is shared).
internal sealed unsafe partial class PrunAdagKernel
{
    private Numerics.StepPass? _pass;
    private readonly int[] _blockTies = new int[Numerics.StepPass.MaxBlocks], _blockO = new int[Numerics.StepPass.MaxBlocks],
        _blockBelow = new int[Numerics.StepPass.MaxBlocks];
    // The range in flight while _pass runs: the blocks read these (pointers into the caller's x and g, pinned meanwhile).
    private double* _x, _g;
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
        int n = x.Length;
        for (int b = 0; b < blocks; b++)
        {
            var (start, end) = Numerics.StepPass.Block(n, blocks, b);
            int ties = cursor.All ? 0 : RelevanceMask.CountTies(g[start..end], cursor.Threshold, cursor.TiesLeft);
            _blockTies[b] = ties;
            cursor = new RelevantCursor(cursor.Threshold, cursor.TiesLeft - ties, cursor.All);
        }
        fixed (double* px = x, pg = g)
        {
            _x = px; _g = pg; _rangeAt = at; _k = k; _ratio = ratio; _delta = delta; _threshold = cursor.Threshold; _all = cursor.All;
            (_pass ??= new Numerics.StepPass(StepBlock)).Run(n, blocks);
            _x = _g = null;
        }
        for (int b = 0; b < blocks; b++) { optimisable += _blockO[b]; below += _blockBelow[b]; }
    }

    // One block of StepInBlocks, on whichever thread takes it.
    private void StepBlock(int b, int start, int end)
    {
        int length = end - start, optimisable = 0, below = 0;
        var cursor = new RelevantCursor(_threshold, _blockTies[b], _all);
        StepRange(_k, _ratio, _delta, new Span<double>(_x + start, length), new ReadOnlySpan<double>(_g + start, length),
            _wO.AsSpan(_rangeAt + start, length), _wD.AsSpan(_rangeAt + start, length), ref cursor, ref optimisable, ref below);
        _blockO[b] = optimisable; _blockBelow[b] = below;
    }
}
