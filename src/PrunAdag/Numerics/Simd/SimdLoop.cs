using System.Runtime.CompilerServices;

namespace PrunAdag;

/// <summary>How every loop over <see cref="ISimd{TSelf}"/> operations is compiled.</summary>
internal static class SimdLoop
{
    /// <summary>
    /// Fully optimised at once (no tier-0 pass over O(n) work), and never inlined. A loop's vector operations are small
    /// methods of Simd512/Simd256/Simd128 that only work as fast as the hardware when inlined. Inlined into a caller that
    /// already spent its inlining budget, a loop kept them as calls: the threaded Adam step, once the runtime had
    /// recompiled its block method with the loop inside, ran 10× slower than on one thread (docs/benchmarks.md,
    /// seventeenth round). Compiled on its own, each loop has the whole budget for its operations.
    /// <c>CrossIsaTests.No_optimised_method_leaves_a_vector_operation_as_a_call</c> checks that no optimised method calls one.
    /// </summary>
    public const MethodImplOptions Options = MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization;
}
