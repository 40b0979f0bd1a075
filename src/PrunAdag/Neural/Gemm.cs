using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag.Neural;

/// <summary>
/// The dense matrix product of the neural objectives, C = (C₀ + A·B)·s for A (m × k, stored row-major or as a row-major
/// Aᵀ), row-major B (k × n) and C (m × n), with one fixed order of arithmetic per element:
/// C[i, j] = ((…((C₀[i, j] + A[i,0]·B[0,j]) + A[i,1]·B[1,j]) + …) + A[i,k−1]·B[k−1,j])·s, every product rounded
/// before its addition (no fused multiply-add), C₀ = C or +0, and the factor s (1 by default: no product) applied
/// once to the finished sum.
/// </summary>
/// <remarks>
/// <para>The kernel vectorises over the columns j of C (and of B): a vector holds several C[i, j] of one row, each
/// lane doing exactly the scalar sequence above, so the bits never depend on the vector width (512-, 256-,
/// 128-bit or scalar) and, as no sum is ever split, not on how tiles are shared among threads either. Tiles are
/// 4 rows × up to 4 vectors, the 4 × 4-vector tile keeping 16 accumulators in registers. Reading A through its
/// transpose (A[i, p] at p·lda + i) changes which addresses are read, not the arithmetic: the back-propagation's
/// a_{l−1}ᵀ·∂z_l needs no transposed copy of the activations.</para>
/// <para>Zero skipping (optional): within each group of rows 4q … 4q + 3 of A, a term p whose A[i, p] are all zero
/// is not added. Adding a product ±0 to a sum that started at +0 never changes its bits (a sum of such terms is
/// never −0), so for finite B this is the same result and only saves work on sparse inputs (MNIST pixels are
/// ≈ 80 % zeros); the groups are fixed by m alone, so even non-finite data give the same bits on every machine.</para>
/// </remarks>
internal static class Gemm
{
    /// <summary>The rows of one tile, which also group the rows for zero skipping.</summary>
    public const int RowGroup = 4;

    /// <summary>C = (C₀ + A·B)·s (see the class remarks).</summary>
    /// <param name="a">A: row i at i·lda, or with <paramref name="transposeA"/> its transpose, A[i, p] at p·lda + i.</param>
    /// <param name="lda">Row stride of the stored A (≥ k), or of the stored Aᵀ (≥ m).</param>
    /// <param name="b">B, row p at p·ldb.</param>
    /// <param name="ldb">Row stride of B (≥ n).</param>
    /// <param name="c">C, row i at i·ldc.</param>
    /// <param name="ldc">Row stride of C (≥ n).</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="accumulate">C₀ = C (true) or +0 (false).</param>
    /// <param name="skipZeros">Skip the terms whose A entries are zero across the row group.</param>
    /// <param name="transposeA"><paramref name="a"/> holds Aᵀ (k × m) rather than A.</param>
    /// <param name="scale">s, applied once to each finished sum (1: none).</param>
    public static void Multiply(ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        int m, int n, int k, bool accumulate, bool skipZeros, bool transposeA = false, double scale = 1.0)
    {
        CheckOperands(a.Length, lda, b.Length, ldb, c.Length, ldc, m, n, k, transposeA);
        MultiplyRows(a, lda, b, ldb, c, ldc, 0, m, n, k, accumulate, skipZeros, transposeA, scale);
    }

    /// <summary>Rows [rowStart, rowEnd) of C (rowStart a multiple of <see cref="RowGroup"/>): the unit of work a thread takes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MultiplyRows(ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        int rowStart, int rowEnd, int n, int k, bool accumulate, bool skipZeros, bool transposeA = false, double scale = 1.0)
    {
        if (!accumulate)
            for (int i = rowStart; i < rowEnd; i++) c.Slice(i * ldc, n).Clear();
        if (n == 0) return;
        if (k == 0)
        {
            if (scale != 1.0)
                for (int i = rowStart; i < rowEnd; i++) foreach (ref double v in c.Slice(i * ldc, n)) v *= scale;
            return;
        }
        // A[i, p] at i·ars + p·acs.
        nint ars = transposeA ? 1 : lda, acs = transposeA ? lda : 1;
        if (Vector512.IsHardwareAccelerated) Rows<L512>(a, ars, acs, b, ldb, c, ldc, rowStart, rowEnd, n, k, skipZeros, scale);
        else if (Vector256.IsHardwareAccelerated) Rows<L256>(a, ars, acs, b, ldb, c, ldc, rowStart, rowEnd, n, k, skipZeros, scale);
        else if (Vector128.IsHardwareAccelerated) Rows<L128>(a, ars, acs, b, ldb, c, ldc, rowStart, rowEnd, n, k, skipZeros, scale);
        else Rows<L1>(a, ars, acs, b, ldb, c, ldc, rowStart, rowEnd, n, k, skipZeros, scale);
    }

    private static void Rows<T>(ReadOnlySpan<double> a, nint ars, nint acs, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        int rowStart, int rowEnd, int n, int k, bool skip, double scale) where T : struct, ILane<T>
    {
        ref double ar = ref MemoryMarshal.GetReference(a);
        ref double br = ref MemoryMarshal.GetReference(b);
        ref double cr = ref MemoryMarshal.GetReference(c);
        int w = T.Count;
        for (int i0 = rowStart; i0 < rowEnd; i0 += RowGroup)
        {
            int rows = Math.Min(RowGroup, rowEnd - i0);
            ref double a0 = ref Unsafe.Add(ref ar, i0 * ars);
            if (rows == RowGroup)
            {
                ref double a1 = ref Unsafe.Add(ref a0, ars), a2 = ref Unsafe.Add(ref a0, 2 * ars), a3 = ref Unsafe.Add(ref a0, 3 * ars);
                ref double ci = ref Unsafe.Add(ref cr, (nint)i0 * ldc);
                if (!skip) Columns<T, AllTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref br, ldb, ref ci, ldc, n, new AllTerms(k), scale);
                else
                {
                    // The group's terms that are not all zero, listed once for all its tiles (in increasing p).
                    var list = t_terms is { } buffer && buffer.Length >= k ? buffer : (t_terms = new int[Math.Max(k, 1024)]);
                    int count = 0;
                    nint ap = 0;
                    for (int p = 0; p < k; p++, ap += acs)
                        if (!AllZero(Unsafe.Add(ref a0, ap), Unsafe.Add(ref a1, ap), Unsafe.Add(ref a2, ap), Unsafe.Add(ref a3, ap))) list[count++] = p;
                    Columns<T, ListedTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref br, ldb, ref ci, ldc, n, new ListedTerms(list, count), scale);
                }
            }
            else
            {
                // The last group of m mod 4 rows, one row at a time; the skip still looks at the whole group.
                for (int r = 0; r < rows; r++)
                {
                    ref double ai = ref Unsafe.Add(ref a0, r * ars);
                    ref double ci = ref Unsafe.Add(ref cr, (nint)(i0 + r) * ldc);
                    int j = 0;
                    for (; j + w <= n; j += w) Tile1x1<T>(ref ai, ref a0, ars, acs, rows, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), k, skip, scale);
                    for (; j < n; j++) Tile1x1<L1>(ref ai, ref a0, ars, acs, rows, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), k, skip, scale);
                }
            }
        }
    }

    // One row group's tiles across the columns: 4, 2 or 1 vectors of T, then narrower vectors for the last columns
    // (each lane still does the scalar sequence).
    private static void Columns<T, TTerms>(ref double a0, ref double a1, ref double a2, ref double a3, nint acs, ref double br, int ldb,
        ref double ci, int ldc, int n, TTerms terms, double scale) where T : struct, ILane<T> where TTerms : struct, ITerms
    {
        int w = T.Count;
        // Four vectors per tile when the registers hold 16 accumulators (32 vector registers with AVX-512), else two.
        int wide = Vector512.IsHardwareAccelerated ? 4 * w : 2 * w;
        int j = 0;
        if (wide == 4 * w)
            for (; j + 4 * w <= n; j += 4 * w) Tile4x4<T, TTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), ldc, terms, scale);
        for (; j + 2 * w <= n; j += 2 * w) Tile4x2<T, TTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), ldc, terms, scale);
        for (; j + w <= n; j += w) Tile4x1<T, TTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), ldc, terms, scale);
        if (w > 4 && j + 4 <= n)
        {
            Tile4x1<L256, TTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), ldc, terms, scale);
            j += 4;
        }
        if (w > 2 && j + 2 <= n)
        {
            Tile4x1<L128, TTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), ldc, terms, scale);
            j += 2;
        }
        for (; j < n; j++) Tile4x1<L1, TTerms>(ref a0, ref a1, ref a2, ref a3, acs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref ci, j), ldc, terms, scale);
    }

    // The terms p a tile adds, in increasing order: all of 0 … k − 1, or a listed subset (zero skipping).
    internal interface ITerms
    {
        int Count { get; }
        nint At(int q);
    }

    private readonly struct AllTerms(int k) : ITerms
    {
        public int Count => k;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public nint At(int q) => q;
    }

    private readonly struct ListedTerms(int[] list, int count) : ITerms
    {
        public int Count => count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public nint At(int q) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(list), q);
    }

    [ThreadStatic] private static int[]? t_terms; // per thread (ParallelGemm's helpers each list their own groups)

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllZero(double x0, double x1, double x2, double x3) =>
        ((BitConverter.DoubleToUInt64Bits(x0) | BitConverter.DoubleToUInt64Bits(x1) | BitConverter.DoubleToUInt64Bits(x2) | BitConverter.DoubleToUInt64Bits(x3)) << 1) == 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x4<T, TTerms>(ref double a0, ref double a1, ref double a2, ref double a3, nint acs, ref double b, int ldb, ref double c, int ldc, TTerms terms, double scale)
        where T : struct, ILane<T> where TTerms : struct, ITerms
    {
        int w = T.Count;
        ref double c1 = ref Unsafe.Add(ref c, ldc); ref double c2 = ref Unsafe.Add(ref c, 2 * (nint)ldc); ref double c3 = ref Unsafe.Add(ref c, 3 * (nint)ldc);
        T s00 = T.Load(ref c), s01 = T.Load(ref Unsafe.Add(ref c, w)), s02 = T.Load(ref Unsafe.Add(ref c, 2 * w)), s03 = T.Load(ref Unsafe.Add(ref c, 3 * w));
        T s10 = T.Load(ref c1), s11 = T.Load(ref Unsafe.Add(ref c1, w)), s12 = T.Load(ref Unsafe.Add(ref c1, 2 * w)), s13 = T.Load(ref Unsafe.Add(ref c1, 3 * w));
        T s20 = T.Load(ref c2), s21 = T.Load(ref Unsafe.Add(ref c2, w)), s22 = T.Load(ref Unsafe.Add(ref c2, 2 * w)), s23 = T.Load(ref Unsafe.Add(ref c2, 3 * w));
        T s30 = T.Load(ref c3), s31 = T.Load(ref Unsafe.Add(ref c3, w)), s32 = T.Load(ref Unsafe.Add(ref c3, 2 * w)), s33 = T.Load(ref Unsafe.Add(ref c3, 3 * w));
        for (int q = 0, count = terms.Count; q < count; q++)
        {
            nint p = terms.At(q), ap = p * acs;
            double x0 = Unsafe.Add(ref a0, ap), x1 = Unsafe.Add(ref a1, ap), x2 = Unsafe.Add(ref a2, ap), x3 = Unsafe.Add(ref a3, ap);
            ref double bp = ref Unsafe.Add(ref b, p * ldb);
            T b0 = T.Load(ref bp), b1 = T.Load(ref Unsafe.Add(ref bp, w)), b2 = T.Load(ref Unsafe.Add(ref bp, 2 * w)), b3 = T.Load(ref Unsafe.Add(ref bp, 3 * w));
            T v = T.Splat(x0);
            s00 = T.MulAdd(s00, v, b0); s01 = T.MulAdd(s01, v, b1); s02 = T.MulAdd(s02, v, b2); s03 = T.MulAdd(s03, v, b3);
            v = T.Splat(x1);
            s10 = T.MulAdd(s10, v, b0); s11 = T.MulAdd(s11, v, b1); s12 = T.MulAdd(s12, v, b2); s13 = T.MulAdd(s13, v, b3);
            v = T.Splat(x2);
            s20 = T.MulAdd(s20, v, b0); s21 = T.MulAdd(s21, v, b1); s22 = T.MulAdd(s22, v, b2); s23 = T.MulAdd(s23, v, b3);
            v = T.Splat(x3);
            s30 = T.MulAdd(s30, v, b0); s31 = T.MulAdd(s31, v, b1); s32 = T.MulAdd(s32, v, b2); s33 = T.MulAdd(s33, v, b3);
        }
        T.Store(Scaled(s00, scale), ref c); T.Store(Scaled(s01, scale), ref Unsafe.Add(ref c, w)); T.Store(Scaled(s02, scale), ref Unsafe.Add(ref c, 2 * w)); T.Store(Scaled(s03, scale), ref Unsafe.Add(ref c, 3 * w));
        T.Store(Scaled(s10, scale), ref c1); T.Store(Scaled(s11, scale), ref Unsafe.Add(ref c1, w)); T.Store(Scaled(s12, scale), ref Unsafe.Add(ref c1, 2 * w)); T.Store(Scaled(s13, scale), ref Unsafe.Add(ref c1, 3 * w));
        T.Store(Scaled(s20, scale), ref c2); T.Store(Scaled(s21, scale), ref Unsafe.Add(ref c2, w)); T.Store(Scaled(s22, scale), ref Unsafe.Add(ref c2, 2 * w)); T.Store(Scaled(s23, scale), ref Unsafe.Add(ref c2, 3 * w));
        T.Store(Scaled(s30, scale), ref c3); T.Store(Scaled(s31, scale), ref Unsafe.Add(ref c3, w)); T.Store(Scaled(s32, scale), ref Unsafe.Add(ref c3, 2 * w)); T.Store(Scaled(s33, scale), ref Unsafe.Add(ref c3, 3 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<T, TTerms>(ref double a0, ref double a1, ref double a2, ref double a3, nint acs, ref double b, int ldb, ref double c, int ldc, TTerms terms, double scale)
        where T : struct, ILane<T> where TTerms : struct, ITerms
    {
        int w = T.Count;
        ref double c1 = ref Unsafe.Add(ref c, ldc); ref double c2 = ref Unsafe.Add(ref c, 2 * (nint)ldc); ref double c3 = ref Unsafe.Add(ref c, 3 * (nint)ldc);
        T s00 = T.Load(ref c), s01 = T.Load(ref Unsafe.Add(ref c, w));
        T s10 = T.Load(ref c1), s11 = T.Load(ref Unsafe.Add(ref c1, w));
        T s20 = T.Load(ref c2), s21 = T.Load(ref Unsafe.Add(ref c2, w));
        T s30 = T.Load(ref c3), s31 = T.Load(ref Unsafe.Add(ref c3, w));
        for (int q = 0, count = terms.Count; q < count; q++)
        {
            nint p = terms.At(q), ap = p * acs;
            double x0 = Unsafe.Add(ref a0, ap), x1 = Unsafe.Add(ref a1, ap), x2 = Unsafe.Add(ref a2, ap), x3 = Unsafe.Add(ref a3, ap);
            ref double bp = ref Unsafe.Add(ref b, p * ldb);
            T b0 = T.Load(ref bp), b1 = T.Load(ref Unsafe.Add(ref bp, w));
            T v = T.Splat(x0); s00 = T.MulAdd(s00, v, b0); s01 = T.MulAdd(s01, v, b1);
            v = T.Splat(x1); s10 = T.MulAdd(s10, v, b0); s11 = T.MulAdd(s11, v, b1);
            v = T.Splat(x2); s20 = T.MulAdd(s20, v, b0); s21 = T.MulAdd(s21, v, b1);
            v = T.Splat(x3); s30 = T.MulAdd(s30, v, b0); s31 = T.MulAdd(s31, v, b1);
        }
        T.Store(Scaled(s00, scale), ref c); T.Store(Scaled(s01, scale), ref Unsafe.Add(ref c, w));
        T.Store(Scaled(s10, scale), ref c1); T.Store(Scaled(s11, scale), ref Unsafe.Add(ref c1, w));
        T.Store(Scaled(s20, scale), ref c2); T.Store(Scaled(s21, scale), ref Unsafe.Add(ref c2, w));
        T.Store(Scaled(s30, scale), ref c3); T.Store(Scaled(s31, scale), ref Unsafe.Add(ref c3, w));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x1<T, TTerms>(ref double a0, ref double a1, ref double a2, ref double a3, nint acs, ref double b, int ldb, ref double c, int ldc, TTerms terms, double scale)
        where T : struct, ILane<T> where TTerms : struct, ITerms
    {
        ref double c1 = ref Unsafe.Add(ref c, ldc); ref double c2 = ref Unsafe.Add(ref c, 2 * (nint)ldc); ref double c3 = ref Unsafe.Add(ref c, 3 * (nint)ldc);
        T s0 = T.Load(ref c), s1 = T.Load(ref c1), s2 = T.Load(ref c2), s3 = T.Load(ref c3);
        for (int q = 0, count = terms.Count; q < count; q++)
        {
            nint p = terms.At(q), ap = p * acs;
            double x0 = Unsafe.Add(ref a0, ap), x1 = Unsafe.Add(ref a1, ap), x2 = Unsafe.Add(ref a2, ap), x3 = Unsafe.Add(ref a3, ap);
            T b0 = T.Load(ref Unsafe.Add(ref b, p * ldb));
            s0 = T.MulAdd(s0, T.Splat(x0), b0); s1 = T.MulAdd(s1, T.Splat(x1), b0);
            s2 = T.MulAdd(s2, T.Splat(x2), b0); s3 = T.MulAdd(s3, T.Splat(x3), b0);
        }
        T.Store(Scaled(s0, scale), ref c); T.Store(Scaled(s1, scale), ref c1); T.Store(Scaled(s2, scale), ref c2); T.Store(Scaled(s3, scale), ref c3);
    }

    /// <summary>One row of a short last group (rows &lt; 4); the skip tests all <paramref name="rows"/> rows from <paramref name="group"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x1<T>(ref double ai, ref double group, nint ars, nint acs, int rows, ref double b, int ldb, ref double c, int k, bool skip, double scale)
        where T : struct, ILane<T>
    {
        T s = T.Load(ref c);
        for (int p = 0; p < k; p++)
        {
            double x = Unsafe.Add(ref ai, p * acs);
            if (skip)
            {
                bool zero = true;
                for (int r = 0; r < rows && zero; r++) zero = (BitConverter.DoubleToUInt64Bits(Unsafe.Add(ref group, r * ars + p * acs)) << 1) == 0;
                if (zero) continue;
            }
            s = T.MulAdd(s, T.Splat(x), T.Load(ref Unsafe.Add(ref b, (nint)p * ldb)));
        }
        T.Store(Scaled(s, scale), ref c);
    }

    // The finished sum times s (one rounding), or the sum itself for s = 1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Scaled<T>(T sum, double scale) where T : struct, ILane<T> => scale == 1.0 ? sum : T.Mul(sum, T.Splat(scale));

    /// <summary>dst (cols × rows) = srcᵀ for a row-major src (rows × cols, row stride ldSrc); exact copies.</summary>
    public static void Transpose(ReadOnlySpan<double> src, int ldSrc, int rows, int cols, Span<double> dst, int ldDst)
    {
        Check(src.Length, ldSrc, rows, cols, "source"); Check(dst.Length, ldDst, cols, rows, "destination");
        const int block = 16;
        for (int i0 = 0; i0 < rows; i0 += block)
            for (int j0 = 0; j0 < cols; j0 += block)
            {
                int iEnd = Math.Min(i0 + block, rows), jEnd = Math.Min(j0 + block, cols);
                for (int i = i0; i < iEnd; i++)
                    for (int j = j0; j < jEnd; j++) dst[j * ldDst + i] = src[i * ldSrc + j];
            }
    }

    /// <summary>Throws unless A (m × k), B (k × n) and C (m × n) fit their spans with the given row strides.</summary>
    internal static void CheckOperands(int aLength, int lda, int bLength, int ldb, int cLength, int ldc, int m, int n, int k, bool transposeA = false)
    {
        if (transposeA) Check(aLength, lda, k, m, "Aᵀ"); else Check(aLength, lda, m, k, "A");
        Check(bLength, ldb, k, n, "B"); Check(cLength, ldc, m, n, "C");
    }

    private static void Check(int length, int ld, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(name, $"{name} has a negative size {rows} × {cols}.");
        if (ld < cols) throw new ArgumentOutOfRangeException(name, $"{name}'s row stride {ld} is below its {cols} columns.");
        if (rows > 0 && (long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"{name} needs {(long)(rows - 1) * ld + cols} entries for {rows} × {cols} with row stride {ld}; it has {length}.", name);
    }

    // One vector of C's row (or one element): the kernel's arithmetic on each lane is acc + x·y, two roundings.
    internal interface ILane<TSelf> where TSelf : struct, ILane<TSelf>
    {
        static abstract int Count { get; }
        static abstract TSelf Load(ref double at);
        static abstract TSelf Splat(double value);
        static abstract TSelf MulAdd(TSelf acc, TSelf x, TSelf y);
        static abstract TSelf Mul(TSelf x, TSelf y);
        static abstract void Store(TSelf value, ref double at);
    }

    internal struct L512 : ILane<L512>
    {
        private Vector512<double> _v;
        public static int Count => Vector512<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L512 Load(ref double at) => new() { _v = Vector512.LoadUnsafe(ref at) };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L512 Splat(double value) => new() { _v = Vector512.Create(value) };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L512 MulAdd(L512 acc, L512 x, L512 y) => new() { _v = acc._v + x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L512 Mul(L512 x, L512 y) => new() { _v = x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(L512 value, ref double at) => value._v.StoreUnsafe(ref at);
    }

    internal struct L256 : ILane<L256>
    {
        private Vector256<double> _v;
        public static int Count => Vector256<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L256 Load(ref double at) => new() { _v = Vector256.LoadUnsafe(ref at) };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L256 Splat(double value) => new() { _v = Vector256.Create(value) };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L256 MulAdd(L256 acc, L256 x, L256 y) => new() { _v = acc._v + x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L256 Mul(L256 x, L256 y) => new() { _v = x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(L256 value, ref double at) => value._v.StoreUnsafe(ref at);
    }

    internal struct L128 : ILane<L128>
    {
        private Vector128<double> _v;
        public static int Count => Vector128<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L128 Load(ref double at) => new() { _v = Vector128.LoadUnsafe(ref at) };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L128 Splat(double value) => new() { _v = Vector128.Create(value) };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L128 MulAdd(L128 acc, L128 x, L128 y) => new() { _v = acc._v + x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L128 Mul(L128 x, L128 y) => new() { _v = x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(L128 value, ref double at) => value._v.StoreUnsafe(ref at);
    }

    internal struct L1 : ILane<L1>
    {
        private double _v;
        public static int Count => 1;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L1 Load(ref double at) => new() { _v = at };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L1 Splat(double value) => new() { _v = value };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L1 MulAdd(L1 acc, L1 x, L1 y) => new() { _v = acc._v + x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static L1 Mul(L1 x, L1 y) => new() { _v = x._v * y._v };
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(L1 value, ref double at) => at = value._v;
    }
}
