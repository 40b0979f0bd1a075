namespace PrunAdag;

/// <summary>
/// A vector of doubles of one hardware width (<see cref="Simd512"/>, <see cref="Simd256"/>,
/// <see cref="Simd128"/>), so that each vectorised loop is written once and compiled by the JIT for each
/// width (generic code over structs is specialised per type, and the wrappers inline away). Every operation
/// is element-wise and correctly rounded (no fused multiply-add), so a loop gives the same bits at every width.
/// Masks are vectors whose lanes are all ones (true) or all zeros (false).
/// </summary>
internal interface ISimd<TSelf> where TSelf : struct, ISimd<TSelf>
{
    static abstract int Count { get; }
    static abstract bool IsHardwareAccelerated { get; }
    static abstract TSelf Zero { get; }
    static abstract TSelf AllBitsSet { get; }
    static abstract TSelf Create(double value);
    static abstract TSelf Load(ref double source, nuint index);
    void Store(ref double destination, nuint index);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator &(TSelf a, TSelf b);
    static abstract TSelf operator |(TSelf a, TSelf b);
    static abstract TSelf operator ^(TSelf a, TSelf b);
    /// <summary>a &amp; ~b.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);
    static abstract TSelf Sqrt(TSelf a);
    /// <summary>
    /// The same correctly rounded root as <see cref="Sqrt"/>, computed on the multiply–add units where this width has
    /// them (<see cref="MultiplyAddSqrt"/>), so that it runs beside the divider's roots and quotients; otherwise the hardware root.
    /// </summary>
    static abstract TSelf SqrtOnMultiplyAdd(TSelf a);
    static abstract TSelf Abs(TSelf a);
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    static abstract TSelf LessThan(TSelf a, TSelf b);
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);
    static abstract bool EqualsAny(TSelf a, TSelf b);
    /// <summary>The mask of the lanes where a == b.</summary>
    static abstract TSelf Equal(TSelf a, TSelf b);
    /// <summary>True when some lane of the mask is true.</summary>
    static abstract bool AnyTrue(TSelf mask);
    /// <summary>
    /// whenTrue where the mask's lane is true, whenFalse elsewhere. Every lane of the mask must be all ones or all
    /// zeros (a comparison's result, or such results combined by &amp;, |, ^ and AndNot): the 256- and 128-bit forms
    /// blend on each lane's sign bit.
    /// </summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenTrue, TSelf whenFalse);
    /// <summary>The hardware minimum: equals Math.Min whenever neither operand is NaN and they are not zeros of opposite signs.</summary>
    static abstract TSelf MinNative(TSelf a, TSelf b);
    /// <summary>Adds one to the 64-bit integer lanes of <paramref name="counter"/> where <paramref name="mask"/> is true.</summary>
    static abstract TSelf CountTrue(TSelf counter, TSelf mask);
    /// <summary>The sum of the 64-bit integer lanes of a counter built by <see cref="CountTrue"/>.</summary>
    static abstract long TotalCount(TSelf counter);
    double GetElement(int index);
}
