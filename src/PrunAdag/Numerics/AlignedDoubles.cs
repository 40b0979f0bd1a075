namespace PrunAdag.Numerics;

/// <summary>
/// Storage whose first entry sits on a 64-byte boundary (a cache line): a dense matrix (with rows of a length divisible
/// by 8, every 512-bit load of a row then reads one cache line instead of two, which made an eight-row dot product about
/// 30 % faster; docs/benchmarks.md, tenth round), and the iterate, the gradient and the optimisers' weights of a run
/// (eleventh round). Speed only: the values and their order are the same.
/// </summary>
internal static class AlignedDoubles
{
    private const int Alignment = 64, Page = 4096, Slots = 8;

    // The slot of the next array on this thread. Arrays that a loop reads and writes side by side (x, g, wO, wD) would
    // otherwise often start at nearly the same offset within a 4 KB page: a load then looks like it depends on a store
    // to another array whose address agrees in its low 12 bits (4K aliasing), which cost a 128-bit V3 step at n = 1000
    // 20–70 % (docs/benchmarks.md, eleventh round). Successive arrays take successive eighths of a page.
    [ThreadStatic] private static int t_slot;

    /// <summary>
    /// A zeroed array of at least <paramref name="length"/> + 511 doubles on the pinned heap (so it never moves), and the
    /// index <paramref name="start"/> (0..511) of its first double, which lies on a 64-byte boundary at this thread's
    /// next eighth of a 4 KB page; the data is array[start .. start + length).
    /// </summary>
    public static unsafe double[] Allocate(int length, out int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        var array = GC.AllocateArray<double>(length + Page / sizeof(double) - 1, pinned: true);
        long target = (long)(t_slot++ % Slots) * (Page / Slots);
        fixed (double* p = array)
            start = (int)(((target - (long)p % Page) % Page + Page) % Page / sizeof(double));
        return array;
    }

    /// <summary>The most doubles one <see cref="Allocate"/> call holds (an array's limit less the room to move the start).</summary>
    public static int MaxLength => Array.MaxLength - (Page / sizeof(double) - 1);

    /// <summary>The offset within a 4 KB page that <see cref="Allocate"/> gives this thread's next array (for tests).</summary>
    internal static int NextPageOffset => t_slot % Slots * (Page / Slots);

    /// <summary>A zeroed, pinned run of <paramref name="length"/> doubles that starts on a 64-byte boundary (see <see cref="Allocate"/>).</summary>
    public static Memory<double> AllocateMemory(int length)
    {
        var array = Allocate(length, out int start);
        return array.AsMemory(start, length);
    }

    /// <summary><see cref="AllocateMemory(int)"/> holding a copy of <paramref name="values"/>.</summary>
    public static Memory<double> CopyOf(ReadOnlySpan<double> values)
    {
        var memory = AllocateMemory(values.Length);
        values.CopyTo(memory.Span);
        return memory;
    }
}
