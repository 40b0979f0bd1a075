namespace PrunAdag.Numerics;

/// <summary>
/// Storage whose first entry sits on a 64-byte boundary (a cache line): a dense matrix (with rows of a length divisible
/// by 8, every 512-bit load of a row then reads one cache line instead of two, which made an eight-row dot product about
/// 30 % faster; docs/benchmarks.md, tenth round), and the iterate, the gradient and the optimisers' weights of a run
/// (eleventh round). Speed only: the values and their order are the same.
/// </summary>
internal static class AlignedDoubles
{
    private const int Alignment = 64;

    /// <summary>
    /// A zeroed array of at least <paramref name="length"/> + 7 doubles on the pinned heap (so it never moves), and the
    /// index <paramref name="start"/> (0..7) of its first double on a 64-byte boundary; the matrix is
    /// array[start .. start + length).
    /// </summary>
    public static unsafe double[] Allocate(int length, out int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var array = GC.AllocateArray<double>(checked(length + Alignment / sizeof(double) - 1), pinned: true);
        fixed (double* p = array)
            start = (int)((Alignment - (long)p % Alignment) % Alignment / sizeof(double));
        return array;
    }

    /// <summary>A zeroed, pinned run of <paramref name="length"/> doubles that starts on a 64-byte boundary.</summary>
    public static Memory<double> AllocateMemory(int length)
    {
        var array = Allocate(length, out int start);
        return array.AsMemory(start, length);
    }
}
