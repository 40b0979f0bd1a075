namespace PrunAdag;

/// <summary>The vector widths this process runs its loops at.</summary>
internal static class Simd
{
    /// <summary>The widest accelerated width (fixed for the process: the runtime decides it at start-up).</summary>
    public static SimdWidth Widest { get; } =
        Simd512.IsHardwareAccelerated ? SimdWidth.Bits512
        : Simd256.IsHardwareAccelerated ? SimdWidth.Bits256
        : Simd128.IsHardwareAccelerated ? SimdWidth.Bits128 : SimdWidth.None;

    /// <summary>The widest accelerated width of at most 4 lanes (for the four-lane sums of <see cref="Sum4"/>).</summary>
    public static SimdWidth FourLane { get; } =
        Simd256.IsHardwareAccelerated ? SimdWidth.Bits256 : Simd128.IsHardwareAccelerated ? SimdWidth.Bits128 : SimdWidth.None;
}
