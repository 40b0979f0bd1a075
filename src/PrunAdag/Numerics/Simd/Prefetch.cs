using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PrunAdag;

/// <summary>
/// A hint to the CPU to bring a cache line of an array that a loop streams into the caches before the loop reads it
/// (x64's PREFETCHT0; nothing elsewhere). Speed only: a prefetch never faults, never changes memory and never changes a
/// bit, also past the end of an array or at a stale address. The 512- and 256-bit step loops, Table 1's 512- and
/// 256-bit sums and Step 1's bracket passes take it once per vector and array: at n = 10⁷, where they stream from
/// memory, they take 15–35 % less time with it, and the 512-bit loops that take a root on the multiply–add units
/// (<see cref="MultiplyAddSqrt"/>), which have more operations per vector and so fewer loads in flight, stop being
/// slower there than with the hardware root (docs/benchmarks.md, thirteenth round). The 128-bit step loops, bound by
/// their operations, go without.
/// </summary>
internal static class Prefetch
{
    /// <summary>How far ahead: 2 KB, 32 cache lines of each array.</summary>
    public const int DistanceBytes = 2048;

    /// <summary>Prefetches the line <see cref="DistanceBytes"/> past element <paramref name="index"/> of the array at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Ahead<T>(ref T start, nuint index) where T : unmanaged
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref start, index + (nuint)(DistanceBytes / Unsafe.SizeOf<T>()))));
    }
}
