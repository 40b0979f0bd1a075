using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>
/// The one fixed summation order of the optimisers' sums of squares over a set (‖g‖_R², ‖x‖_S², FW2's
/// ‖v − x‖²; docs/algorithm.md C6): four partial sums, lane j adding the terms of the indices i ≡ j (mod 4)
/// in increasing i, then ((s₀ + s₁) + (s₂ + s₃)). A single chain in index order is one dependent addition
/// (≈ 4 cycles) per element; four independent chains run at memory speed. The width is 4 whatever the
/// hardware's (one 256-bit register, two 128-bit ones or four scalars give the same bits), and nothing
/// depends on the thread count. Terms of indices outside the set are added as +0, which leaves a sum of
/// squares (never −0) bitwise unchanged.
/// </summary>
internal struct Sum4
{
    public double S0, S1, S2, S3;

    /// <summary>Adds <paramref name="term"/> to the partial sum of index <paramref name="i"/>'s lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int i, double term)
    {
        switch (i & 3)
        {
            case 0: S0 += term; break;
            case 1: S1 += term; break;
            case 2: S2 += term; break;
            default: S3 += term; break;
        }
    }

    /// <summary>Adds four consecutive terms starting at an index ≡ 0 (mod 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add4(double t0, double t1, double t2, double t3) { S0 += t0; S1 += t1; S2 += t2; S3 += t3; }

    /// <summary>The four partial sums held in the lanes of one 256-bit vector (lane j: indices ≡ j mod 4).</summary>
    public static Sum4 From(Vector256<double> v) =>
        new() { S0 = v.GetElement(0), S1 = v.GetElement(1), S2 = v.GetElement(2), S3 = v.GetElement(3) };

    /// <summary>((s₀ + s₁) + (s₂ + s₃)).</summary>
    public readonly double Total => (S0 + S1) + (S2 + S3);
}
