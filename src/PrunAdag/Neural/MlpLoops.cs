using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag.Neural;

/// <summary>
/// The element-wise loops of <see cref="MlpClassifier"/>'s forward and backward passes, written once over
/// <see cref="ISimd{TSelf}"/> with a scalar tail. Each lane does exactly the scalar operation of its element (sums
/// over samples run in sample order within each lane), so the bits are the same at every vector width.
/// </summary>
internal static class MlpLoops
{
    /// <summary>z[s, j] = z[s, j] + b[j], then max(·, 0) (Math.Max's: NaN stays NaN, ±0 and negatives give +0) when <paramref name="relu"/>.</summary>
    public static void AddBias(Span<double> z, ReadOnlySpan<double> b, int rows, bool relu)
    {
        int cols = b.Length;
        for (int s = 0; s < rows; s++)
        {
            var row = z.Slice(s * cols, cols);
            int j = Vector512.IsHardwareAccelerated ? AddBias<Simd512>(row, b, relu)
                : Vector256.IsHardwareAccelerated ? AddBias<Simd256>(row, b, relu)
                : Vector128.IsHardwareAccelerated ? AddBias<Simd128>(row, b, relu) : 0;
            for (; j < cols; j++)
            {
                double v = row[j] + b[j];
                row[j] = relu ? Math.Max(v, 0.0) : v;
            }
        }
    }

    [MethodImpl(SimdLoop.Options)]
    private static int AddBias<V>(Span<double> row, ReadOnlySpan<double> b, bool relu) where V : struct, ISimd<V>
    {
        ref double r = ref MemoryMarshal.GetReference(row);
        ref double br = ref MemoryMarshal.GetReference(b);
        nuint j = 0, end = (nuint)(row.Length - row.Length % V.Count);
        for (; j < end; j += (nuint)V.Count)
        {
            V v = V.Load(ref r, j) + V.Load(ref br, j);
            // v ≤ 0 (either zero, or negative) → +0; NaN fails the test and is kept, as Math.Max(NaN, 0) = NaN.
            if (relu) v = V.ConditionalSelect(V.LessThanOrEqual(v, V.Zero), V.Zero, v);
            v.Store(ref r, j);
        }
        return (int)end;
    }

    /// <summary>d[p] = +0 wherever a[p] &gt; 0 fails (relu′ = 0, also at a = 0 and for NaN), else unchanged.</summary>
    public static void ReluMask(Span<double> d, ReadOnlySpan<double> a)
    {
        int i = Vector512.IsHardwareAccelerated ? ReluMask<Simd512>(d, a)
            : Vector256.IsHardwareAccelerated ? ReluMask<Simd256>(d, a)
            : Vector128.IsHardwareAccelerated ? ReluMask<Simd128>(d, a) : 0;
        for (; i < d.Length; i++) if (!(a[i] > 0)) d[i] = 0;
    }

    [MethodImpl(SimdLoop.Options)]
    private static int ReluMask<V>(Span<double> d, ReadOnlySpan<double> a) where V : struct, ISimd<V>
    {
        ref double dr = ref MemoryMarshal.GetReference(d);
        ref double ar = ref MemoryMarshal.GetReference(a);
        nuint i = 0, end = (nuint)(d.Length - d.Length % V.Count);
        for (; i < end; i += (nuint)V.Count)
            V.ConditionalSelect(V.GreaterThan(V.Load(ref ar, i), V.Zero), V.Load(ref dr, i), V.Zero).Store(ref dr, i);
        return (int)end;
    }

    /// <summary>
    /// sum[j] = ((C₀[j] + rows[0, j]) + rows[1, j]) + … in row order, then × <paramref name="scale"/> once (1: none);
    /// C₀ = sum when <paramref name="accumulate"/>, else +0.
    /// </summary>
    public static void SumRows(Span<double> sum, ReadOnlySpan<double> rows, int count, bool accumulate, double scale)
    {
        if (!accumulate) sum.Clear();
        int cols = sum.Length;
        int j = Vector512.IsHardwareAccelerated ? SumRows<Simd512>(sum, rows, count, scale)
            : Vector256.IsHardwareAccelerated ? SumRows<Simd256>(sum, rows, count, scale)
            : Vector128.IsHardwareAccelerated ? SumRows<Simd128>(sum, rows, count, scale) : 0;
        for (; j < cols; j++)
        {
            double v = sum[j];
            for (int s = 0; s < count; s++) v += rows[s * cols + j];
            sum[j] = scale == 1.0 ? v : v * scale;
        }
    }

    [MethodImpl(SimdLoop.Options)]
    private static int SumRows<V>(Span<double> sum, ReadOnlySpan<double> rows, int count, double scale) where V : struct, ISimd<V>
    {
        ref double sr = ref MemoryMarshal.GetReference(sum);
        ref double rr = ref MemoryMarshal.GetReference(rows);
        nuint cols = (nuint)sum.Length, j = 0, end = cols - cols % (nuint)V.Count;
        for (; j < end; j += (nuint)V.Count)
        {
            V v = V.Load(ref sr, j);
            for (nuint s = 0; s < (nuint)count; s++) v += V.Load(ref rr, s * cols + j);
            if (scale != 1.0) v *= V.Create(scale);
            v.Store(ref sr, j);
        }
        return (int)end;
    }
}
