namespace PrunAdag.Numerics;

/// <summary>
/// A job of numbered blocks shared by the caller and up to threads − 1 thread-pool helpers, with no allocation
/// per run: the object is its own work item, queued once per helper, and the blocks are claimed one at a time.
/// Which thread computes a block never matters to the result (each block's arithmetic is fixed), so results are
/// bitwise independent of the thread count.
/// </summary>
/// <remarks>
/// The caller never waits for a helper that has not started. A helper joins only by taking one of the tickets
/// published with a fully set-up run; at the end the caller withdraws the tickets not taken and waits only for the
/// helpers that took one (they are running). A helper that runs late finds no ticket and touches nothing else, or
/// takes a ticket of a later run of the same job and takes part in that one correctly. One run at a time per job.
/// </remarks>
internal abstract class BlockJob : IThreadPoolWorkItem
{
    private int _blocks, _next, _blocksLeft, _tickets, _finished;

    /// <summary>Computes block <paramref name="block"/> (0 ≤ block &lt; the run's block count); called from any thread.</summary>
    protected abstract void RunBlock(int block);

    /// <summary>Runs blocks 0..<paramref name="blocks"/>−1 on the caller and up to <paramref name="threads"/> − 1 helpers; returns when all are done.</summary>
    protected void RunBlocks(int blocks, int threads)
    {
        _blocks = blocks; _next = 0; _blocksLeft = blocks; _finished = 0;
        int helpers = Math.Max(0, Math.Min(threads, blocks) - 1);
        Interlocked.Exchange(ref _tickets, helpers); // publishes the set-up run (full fence)
        for (int h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work();
        // Blocks still in flight belong to helpers that are already running them: spin (no allocation, unlike an
        // event's lazily created lock) until the last one is done, then until they are past their last block. The spin
        // yields but never sleeps: SpinWait's default sleeps 1 ms from its 20th turn, a whole MLP batch gradient's
        // time, and 2 threads were slower than 1 (docs/benchmarks.md, seventeenth round).
        var spin = new SpinWait();
        while (Volatile.Read(ref _blocksLeft) != 0) spin.SpinOnce(sleep1Threshold: -1);
        int joined = helpers - Interlocked.Exchange(ref _tickets, 0);
        spin = new SpinWait();
        while (Volatile.Read(ref _finished) != joined) spin.SpinOnce(sleep1Threshold: -1);
    }

    void IThreadPoolWorkItem.Execute()
    {
        int t = Volatile.Read(ref _tickets);
        while (true)
        {
            if (t <= 0) return; // this run is over (or the next one has not been published)
            int seen = Interlocked.CompareExchange(ref _tickets, t - 1, t);
            if (seen == t) break;
            t = seen;
        }
        Work();
        Interlocked.Increment(ref _finished);
    }

    private void Work()
    {
        int b;
        while ((b = Interlocked.Increment(ref _next) - 1) < _blocks)
        {
            RunBlock(b);
            Interlocked.Decrement(ref _blocksLeft);
        }
    }
}
