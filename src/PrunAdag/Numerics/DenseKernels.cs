using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag.Numerics;

/// <summary>
/// The two halves of a dense product on a few rows at a time, in fixed orders that no vector width changes:
/// <see cref="Dots"/> (each row's dot product with x, bitwise <see cref="FixedOrder.Dot"/>) and
/// <see cref="AccumulateRows"/> (p_j ← (…((p_j + c₀a₀ⱼ) + c₁a₁ⱼ) …) + c_{r−1}a_{r−1,j}: rows added to every
/// component in increasing row order, each product rounded before its addition).
/// </summary>
/// <remarks>
/// Several rows per call is only about speed: <see cref="Dots"/> reads x once for up to eight rows (512-bit; two or
/// one on narrower vectors, whose registers hold fewer lanes) and keeps more independent additions in flight;
/// <see cref="AccumulateRows"/> reads and writes p once for up to eight rows.
/// The arithmetic of each row and each component is the same as one row at a time.
/// </remarks>
internal static class DenseKernels
{
    /// <summary>The most rows one call of <see cref="Dots"/> or <see cref="AccumulateRows"/> takes.</summary>
    public const int MaxRows = 8;

    /// <summary>
    /// result[k] = <see cref="FixedOrder.Dot"/>(row k, x) for the <paramref name="rows"/> (1..8) rows that start at
    /// <paramref name="a"/>, <paramref name="stride"/> apart, each of length <paramref name="n"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots(ref double a, nint stride, int rows, int n, ref double x, Span<double> result)
    {
        Span<double> lanes = stackalloc double[FixedOrder.Lanes * MaxRows];
        lanes.Clear();
        // When n is a multiple of 8, the grouped kernels take the last 8 terms as one more step of lanes 0–7 and
        // combine each row's lanes in registers (the halving of FixedOrder.Combine, as vector additions of the same
        // pairs), so they write result[k] themselves; otherwise they leave their lanes for the shared tail below.
        bool inRegisters = (n & 7) == 0;
        int k = 0, i = 0, done = 0;
        if (Vector512.IsHardwareAccelerated && n >= FixedOrder.Lanes)
            for (; k + 8 <= rows; k += 8)
                i = Lanes8x512(ref Unsafe.Add(ref a, k * stride), stride, n, ref x, lanes[(k * FixedOrder.Lanes)..], inRegisters, result[k..]);
        if (Vector512.IsHardwareAccelerated && n >= FixedOrder.Lanes)
            for (; k + 4 <= rows; k += 4)
                i = Lanes4x512(ref Unsafe.Add(ref a, k * stride), stride, n, ref x, lanes[(k * FixedOrder.Lanes)..], inRegisters, result[k..]);
        if (Vector256.IsHardwareAccelerated && !Vector512.IsHardwareAccelerated && n >= FixedOrder.Lanes)
            for (; k + 2 <= rows; k += 2)
                i = Lanes2x256(ref Unsafe.Add(ref a, k * stride), stride, n, ref x, lanes[(k * FixedOrder.Lanes)..], inRegisters, result[k..]);
        if (inRegisters && n >= FixedOrder.Lanes) done = k; // rows 0..k−1 are finished
        for (; k < rows; k++)
            i = FixedOrder.LaneSums(ref Unsafe.Add(ref a, k * stride), ref x, n, lanes.Slice(k * FixedOrder.Lanes, FixedOrder.Lanes));
        // Every path stops at the same multiple of 16; the tails and the combination are shared.
        for (k = done; k < rows; k++)
        {
            var l = lanes.Slice(k * FixedOrder.Lanes, FixedOrder.Lanes);
            ref double row = ref Unsafe.Add(ref a, k * stride);
            for (int j = i; j < n; j++) l[j & (FixedOrder.Lanes - 1)] += Unsafe.Add(ref row, j) * Unsafe.Add(ref x, j);
            result[k] = FixedOrder.Combine(l);
        }
    }

    /// <summary>
    /// <see cref="FixedOrder.Combine"/> of sixteen lanes held in two 512-bit registers (lanes 0–7, 8–15): s_l + s_{l+8},
    /// then s_l + s_{l+4}, s_l + s_{l+2} and s₀ + s₁, the same additions of the same pairs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Combine(Vector512<double> lo, Vector512<double> hi)
    {
        var s8 = lo + hi;
        var s4 = s8.GetLower() + s8.GetUpper();
        var s2 = s4.GetLower() + s4.GetUpper();
        return s2.ToScalar() + s2.GetElement(1);
    }

    /// <summary><see cref="FixedOrder.Combine"/> of sixteen lanes held in four 256-bit registers (lanes 0–3, 4–7, 8–11, 12–15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Combine(Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3)
    {
        var lo = s0 + s2; var hi = s1 + s3; // s_l + s_{l+8}: lanes 0–3, then 4–7
        var s4 = lo + hi;                    // s_l + s_{l+4}
        var t = s4.GetLower() + s4.GetUpper();
        return t.ToScalar() + t.GetElement(1);
    }

    // Four rows' 16 lanes in eight 512-bit accumulators (x read once per block of 16). With finish, n is a multiple of 8:
    // the last 8 terms go to lanes 0–7 and each row is combined here; returns n then.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Lanes4x512(ref double a, nint stride, int n, ref double x, Span<double> lanes, bool finish, Span<double> result)
    {
        ref double a0 = ref a; ref double a1 = ref Unsafe.Add(ref a, stride);
        ref double a2 = ref Unsafe.Add(ref a, 2 * stride); ref double a3 = ref Unsafe.Add(ref a, 3 * stride);
        Vector512<double> s00 = default, s01 = default, s10 = default, s11 = default,
            s20 = default, s21 = default, s30 = default, s31 = default;
        int i = 0;
        for (; i <= n - FixedOrder.Lanes; i += FixedOrder.Lanes)
        {
            nuint at = (nuint)i;
            var x0 = Vector512.LoadUnsafe(ref x, at); var x1 = Vector512.LoadUnsafe(ref x, at + 8);
            s00 += Vector512.LoadUnsafe(ref a0, at) * x0; s01 += Vector512.LoadUnsafe(ref a0, at + 8) * x1;
            s10 += Vector512.LoadUnsafe(ref a1, at) * x0; s11 += Vector512.LoadUnsafe(ref a1, at + 8) * x1;
            s20 += Vector512.LoadUnsafe(ref a2, at) * x0; s21 += Vector512.LoadUnsafe(ref a2, at + 8) * x1;
            s30 += Vector512.LoadUnsafe(ref a3, at) * x0; s31 += Vector512.LoadUnsafe(ref a3, at + 8) * x1;
        }
        if (finish)
        {
            if (i < n)
            {
                nuint at = (nuint)i;
                var x0 = Vector512.LoadUnsafe(ref x, at);
                s00 += Vector512.LoadUnsafe(ref a0, at) * x0; s10 += Vector512.LoadUnsafe(ref a1, at) * x0;
                s20 += Vector512.LoadUnsafe(ref a2, at) * x0; s30 += Vector512.LoadUnsafe(ref a3, at) * x0;
            }
            result[0] = Combine(s00, s01); result[1] = Combine(s10, s11);
            result[2] = Combine(s20, s21); result[3] = Combine(s30, s31);
            return n;
        }
        ref double l = ref MemoryMarshal.GetReference(lanes);
        s00.StoreUnsafe(ref l, 0); s01.StoreUnsafe(ref l, 8); s10.StoreUnsafe(ref l, 16); s11.StoreUnsafe(ref l, 24);
        s20.StoreUnsafe(ref l, 32); s21.StoreUnsafe(ref l, 40); s30.StoreUnsafe(ref l, 48); s31.StoreUnsafe(ref l, 56);
        return i;
    }

    // Eight rows' 16 lanes in sixteen 512-bit accumulators (of 32 registers), x read once per block of 16; finish as in
    // Lanes4x512.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Lanes8x512(ref double a, nint stride, int n, ref double x, Span<double> lanes, bool finish, Span<double> result)
    {
        ref double a0 = ref a; ref double a1 = ref Unsafe.Add(ref a, stride);
        ref double a2 = ref Unsafe.Add(ref a, 2 * stride); ref double a3 = ref Unsafe.Add(ref a, 3 * stride);
        ref double a4 = ref Unsafe.Add(ref a, 4 * stride); ref double a5 = ref Unsafe.Add(ref a, 5 * stride);
        ref double a6 = ref Unsafe.Add(ref a, 6 * stride); ref double a7 = ref Unsafe.Add(ref a, 7 * stride);
        Vector512<double> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default, s21 = default,
            s30 = default, s31 = default, s40 = default, s41 = default, s50 = default, s51 = default,
            s60 = default, s61 = default, s70 = default, s71 = default;
        int i = 0;
        for (; i <= n - FixedOrder.Lanes; i += FixedOrder.Lanes)
        {
            nuint at = (nuint)i;
            var x0 = Vector512.LoadUnsafe(ref x, at); var x1 = Vector512.LoadUnsafe(ref x, at + 8);
            s00 += Vector512.LoadUnsafe(ref a0, at) * x0; s01 += Vector512.LoadUnsafe(ref a0, at + 8) * x1;
            s10 += Vector512.LoadUnsafe(ref a1, at) * x0; s11 += Vector512.LoadUnsafe(ref a1, at + 8) * x1;
            s20 += Vector512.LoadUnsafe(ref a2, at) * x0; s21 += Vector512.LoadUnsafe(ref a2, at + 8) * x1;
            s30 += Vector512.LoadUnsafe(ref a3, at) * x0; s31 += Vector512.LoadUnsafe(ref a3, at + 8) * x1;
            s40 += Vector512.LoadUnsafe(ref a4, at) * x0; s41 += Vector512.LoadUnsafe(ref a4, at + 8) * x1;
            s50 += Vector512.LoadUnsafe(ref a5, at) * x0; s51 += Vector512.LoadUnsafe(ref a5, at + 8) * x1;
            s60 += Vector512.LoadUnsafe(ref a6, at) * x0; s61 += Vector512.LoadUnsafe(ref a6, at + 8) * x1;
            s70 += Vector512.LoadUnsafe(ref a7, at) * x0; s71 += Vector512.LoadUnsafe(ref a7, at + 8) * x1;
        }
        if (finish)
        {
            if (i < n)
            {
                nuint at = (nuint)i;
                var x0 = Vector512.LoadUnsafe(ref x, at);
                s00 += Vector512.LoadUnsafe(ref a0, at) * x0; s10 += Vector512.LoadUnsafe(ref a1, at) * x0;
                s20 += Vector512.LoadUnsafe(ref a2, at) * x0; s30 += Vector512.LoadUnsafe(ref a3, at) * x0;
                s40 += Vector512.LoadUnsafe(ref a4, at) * x0; s50 += Vector512.LoadUnsafe(ref a5, at) * x0;
                s60 += Vector512.LoadUnsafe(ref a6, at) * x0; s70 += Vector512.LoadUnsafe(ref a7, at) * x0;
            }
            result[0] = Combine(s00, s01); result[1] = Combine(s10, s11); result[2] = Combine(s20, s21); result[3] = Combine(s30, s31);
            result[4] = Combine(s40, s41); result[5] = Combine(s50, s51); result[6] = Combine(s60, s61); result[7] = Combine(s70, s71);
            return n;
        }
        ref double l = ref MemoryMarshal.GetReference(lanes);
        s00.StoreUnsafe(ref l, 0); s01.StoreUnsafe(ref l, 8); s10.StoreUnsafe(ref l, 16); s11.StoreUnsafe(ref l, 24);
        s20.StoreUnsafe(ref l, 32); s21.StoreUnsafe(ref l, 40); s30.StoreUnsafe(ref l, 48); s31.StoreUnsafe(ref l, 56);
        s40.StoreUnsafe(ref l, 64); s41.StoreUnsafe(ref l, 72); s50.StoreUnsafe(ref l, 80); s51.StoreUnsafe(ref l, 88);
        s60.StoreUnsafe(ref l, 96); s61.StoreUnsafe(ref l, 104); s70.StoreUnsafe(ref l, 112); s71.StoreUnsafe(ref l, 120);
        return i;
    }

    // Two rows' 16 lanes in eight 256-bit accumulators; finish as in Lanes4x512.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Lanes2x256(ref double a, nint stride, int n, ref double x, Span<double> lanes, bool finish, Span<double> result)
    {
        ref double a0 = ref a; ref double a1 = ref Unsafe.Add(ref a, stride);
        Vector256<double> s00 = default, s01 = default, s02 = default, s03 = default,
            s10 = default, s11 = default, s12 = default, s13 = default;
        int i = 0;
        for (; i <= n - FixedOrder.Lanes; i += FixedOrder.Lanes)
        {
            nuint at = (nuint)i;
            var x0 = Vector256.LoadUnsafe(ref x, at); var x1 = Vector256.LoadUnsafe(ref x, at + 4);
            var x2 = Vector256.LoadUnsafe(ref x, at + 8); var x3 = Vector256.LoadUnsafe(ref x, at + 12);
            s00 += Vector256.LoadUnsafe(ref a0, at) * x0; s01 += Vector256.LoadUnsafe(ref a0, at + 4) * x1;
            s02 += Vector256.LoadUnsafe(ref a0, at + 8) * x2; s03 += Vector256.LoadUnsafe(ref a0, at + 12) * x3;
            s10 += Vector256.LoadUnsafe(ref a1, at) * x0; s11 += Vector256.LoadUnsafe(ref a1, at + 4) * x1;
            s12 += Vector256.LoadUnsafe(ref a1, at + 8) * x2; s13 += Vector256.LoadUnsafe(ref a1, at + 12) * x3;
        }
        if (finish)
        {
            if (i < n)
            {
                nuint at = (nuint)i;
                var x0 = Vector256.LoadUnsafe(ref x, at); var x1 = Vector256.LoadUnsafe(ref x, at + 4);
                s00 += Vector256.LoadUnsafe(ref a0, at) * x0; s01 += Vector256.LoadUnsafe(ref a0, at + 4) * x1;
                s10 += Vector256.LoadUnsafe(ref a1, at) * x0; s11 += Vector256.LoadUnsafe(ref a1, at + 4) * x1;
            }
            result[0] = Combine(s00, s01, s02, s03); result[1] = Combine(s10, s11, s12, s13);
            return n;
        }
        ref double l = ref MemoryMarshal.GetReference(lanes);
        s00.StoreUnsafe(ref l, 0); s01.StoreUnsafe(ref l, 4); s02.StoreUnsafe(ref l, 8); s03.StoreUnsafe(ref l, 12);
        s10.StoreUnsafe(ref l, 16); s11.StoreUnsafe(ref l, 20); s12.StoreUnsafe(ref l, 24); s13.StoreUnsafe(ref l, 28);
        return i;
    }

    /// <summary>
    /// p_j ← (…((p_j + c₀a₀ⱼ) + c₁a₁ⱼ) …) + c_{r−1}a_{r−1,j} for j &lt; p.Length, r = <paramref name="c"/>.Length (1..8)
    /// rows starting at <paramref name="a"/>, <paramref name="stride"/> apart. Element-wise, so every width gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateRows(ref double a, nint stride, ReadOnlySpan<double> c, Span<double> p)
    {
        int rows = c.Length, k = 0;
        for (; k + 8 <= rows; k += 8)
            Accumulate8(ref Unsafe.Add(ref a, k * stride), stride, c.Slice(k, 8), p);
        for (; k + 4 <= rows; k += 4)
            Accumulate4(ref Unsafe.Add(ref a, k * stride), ref Unsafe.Add(ref a, (k + 1) * stride),
                ref Unsafe.Add(ref a, (k + 2) * stride), ref Unsafe.Add(ref a, (k + 3) * stride), c[k], c[k + 1], c[k + 2], c[k + 3], p);
        for (; k + 2 <= rows; k += 2)
            Accumulate2(ref Unsafe.Add(ref a, k * stride), ref Unsafe.Add(ref a, (k + 1) * stride), c[k], c[k + 1], p);
        for (; k < rows; k++)
            Accumulate1(ref Unsafe.Add(ref a, k * stride), c[k], p);
    }

    /// <summary>p_j ← (…((p_j + c₀a₀ⱼ) + c₁a₁ⱼ) …) + c₇a₇ⱼ for j &lt; p.Length (eight rows <paramref name="stride"/> apart):
    /// p is read and written once for eight rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate8(ref double a0, nint stride, ReadOnlySpan<double> c, Span<double> p)
    {
        ref double pr = ref MemoryMarshal.GetReference(p);
        int n = p.Length;
        int j = Vector512.IsHardwareAccelerated ? Accumulate8<Simd512>(ref a0, stride, c, ref pr, n)
            : Vector256.IsHardwareAccelerated ? Accumulate8<Simd256>(ref a0, stride, c, ref pr, n)
            : Vector128.IsHardwareAccelerated ? Accumulate8<Simd128>(ref a0, stride, c, ref pr, n) : 0;
        for (; j < n; j++)
        {
            double s = Unsafe.Add(ref pr, j);
            for (int k = 0; k < 8; k++) s += c[k] * Unsafe.Add(ref a0, k * stride + j);
            Unsafe.Add(ref pr, j) = s;
        }
    }

    // The vector loop of Accumulate8 at one width (the same element-wise operations in the same order as its tail).
    [MethodImpl(SimdLoop.Options)]
    private static int Accumulate8<V>(ref double a0, nint stride, ReadOnlySpan<double> c, ref double pr, int n) where V : struct, ISimd<V>
    {
        ref double a1 = ref Unsafe.Add(ref a0, stride); ref double a2 = ref Unsafe.Add(ref a0, 2 * stride);
        ref double a3 = ref Unsafe.Add(ref a0, 3 * stride); ref double a4 = ref Unsafe.Add(ref a0, 4 * stride);
        ref double a5 = ref Unsafe.Add(ref a0, 5 * stride); ref double a6 = ref Unsafe.Add(ref a0, 6 * stride);
        ref double a7 = ref Unsafe.Add(ref a0, 7 * stride);
        V v0 = V.Create(c[0]), v1 = V.Create(c[1]), v2 = V.Create(c[2]), v3 = V.Create(c[3]);
        V v4 = V.Create(c[4]), v5 = V.Create(c[5]), v6 = V.Create(c[6]), v7 = V.Create(c[7]);
        int j = 0;
        for (; j <= n - V.Count; j += V.Count)
        {
            nuint at = (nuint)j;
            var s = V.Load(ref pr, at) + v0 * V.Load(ref a0, at);
            s += v1 * V.Load(ref a1, at); s += v2 * V.Load(ref a2, at);
            s += v3 * V.Load(ref a3, at); s += v4 * V.Load(ref a4, at);
            s += v5 * V.Load(ref a5, at); s += v6 * V.Load(ref a6, at);
            (s + v7 * V.Load(ref a7, at)).Store(ref pr, at);
        }
        return j;
    }

    /// <summary>p_j ← (((p_j + c₀a₀ⱼ) + c₁a₁ⱼ) + c₂a₂ⱼ) + c₃a₃ⱼ for j &lt; p.Length (four rows anywhere in memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate4(ref double a0, ref double a1, ref double a2, ref double a3,
        double c0, double c1, double c2, double c3, Span<double> p)
    {
        ref double pr = ref MemoryMarshal.GetReference(p);
        int n = p.Length;
        int j = Vector512.IsHardwareAccelerated ? Accumulate4<Simd512>(ref a0, ref a1, ref a2, ref a3, c0, c1, c2, c3, ref pr, n)
            : Vector256.IsHardwareAccelerated ? Accumulate4<Simd256>(ref a0, ref a1, ref a2, ref a3, c0, c1, c2, c3, ref pr, n)
            : Vector128.IsHardwareAccelerated ? Accumulate4<Simd128>(ref a0, ref a1, ref a2, ref a3, c0, c1, c2, c3, ref pr, n) : 0;
        for (; j < n; j++)
        {
            double s = Unsafe.Add(ref pr, j) + c0 * Unsafe.Add(ref a0, j);
            s += c1 * Unsafe.Add(ref a1, j);
            s += c2 * Unsafe.Add(ref a2, j);
            Unsafe.Add(ref pr, j) = s + c3 * Unsafe.Add(ref a3, j);
        }
    }

    [MethodImpl(SimdLoop.Options)]
    private static int Accumulate4<V>(ref double a0, ref double a1, ref double a2, ref double a3,
        double c0, double c1, double c2, double c3, ref double pr, int n) where V : struct, ISimd<V>
    {
        V v0 = V.Create(c0), v1 = V.Create(c1), v2 = V.Create(c2), v3 = V.Create(c3);
        int j = 0;
        for (; j <= n - V.Count; j += V.Count)
        {
            nuint at = (nuint)j;
            var s = V.Load(ref pr, at) + v0 * V.Load(ref a0, at);
            s += v1 * V.Load(ref a1, at);
            s += v2 * V.Load(ref a2, at);
            (s + v3 * V.Load(ref a3, at)).Store(ref pr, at);
        }
        return j;
    }

    /// <summary>p_j ← (p_j + c₀a₀ⱼ) + c₁a₁ⱼ for j &lt; p.Length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate2(ref double a0, ref double a1, double c0, double c1, Span<double> p)
    {
        ref double pr = ref MemoryMarshal.GetReference(p);
        int n = p.Length;
        int j = Vector512.IsHardwareAccelerated ? Accumulate2<Simd512>(ref a0, ref a1, c0, c1, ref pr, n)
            : Vector256.IsHardwareAccelerated ? Accumulate2<Simd256>(ref a0, ref a1, c0, c1, ref pr, n)
            : Vector128.IsHardwareAccelerated ? Accumulate2<Simd128>(ref a0, ref a1, c0, c1, ref pr, n) : 0;
        for (; j < n; j++)
        {
            double s = Unsafe.Add(ref pr, j) + c0 * Unsafe.Add(ref a0, j);
            Unsafe.Add(ref pr, j) = s + c1 * Unsafe.Add(ref a1, j);
        }
    }

    [MethodImpl(SimdLoop.Options)]
    private static int Accumulate2<V>(ref double a0, ref double a1, double c0, double c1, ref double pr, int n) where V : struct, ISimd<V>
    {
        V v0 = V.Create(c0), v1 = V.Create(c1);
        int j = 0;
        for (; j <= n - V.Count; j += V.Count)
        {
            nuint at = (nuint)j;
            (V.Load(ref pr, at) + v0 * V.Load(ref a0, at) + v1 * V.Load(ref a1, at)).Store(ref pr, at);
        }
        return j;
    }

    /// <summary>p_j ← p_j + c₀a₀ⱼ for j &lt; p.Length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate1(ref double a0, double c0, Span<double> p)
    {
        ref double pr = ref MemoryMarshal.GetReference(p);
        int n = p.Length;
        int j = Vector512.IsHardwareAccelerated ? Accumulate1<Simd512>(ref a0, c0, ref pr, n)
            : Vector256.IsHardwareAccelerated ? Accumulate1<Simd256>(ref a0, c0, ref pr, n)
            : Vector128.IsHardwareAccelerated ? Accumulate1<Simd128>(ref a0, c0, ref pr, n) : 0;
        for (; j < n; j++) Unsafe.Add(ref pr, j) += c0 * Unsafe.Add(ref a0, j);
    }

    [MethodImpl(SimdLoop.Options)]
    private static int Accumulate1<V>(ref double a0, double c0, ref double pr, int n) where V : struct, ISimd<V>
    {
        V v0 = V.Create(c0);
        int j = 0;
        for (; j <= n - V.Count; j += V.Count) (V.Load(ref pr, (nuint)j) + v0 * V.Load(ref a0, (nuint)j)).Store(ref pr, (nuint)j);
        return j;
    }
}
