// The three widths of ISimd<TSelf>: the same members over Vector512, Vector256 and Vector128. Edit all three alike.
// ConditionalSelect on 256 and 128 bits is a blend (vblendvpd): the JIT compiles Vector256/128.ConditionalSelect on x64 as
// an and, an and-not and an or, one more step of latency and, on AMD's Zen 4, three operations where the blend is one
// (V3's step pass 15–25 % faster there; on Intel's cores, where the blend is itself three, it measured the same;
// docs/benchmarks.md, fifteenth round). With masks whose lanes are all ones or all zeros the two give the same bits.
// Without SSE4.1 (ARM64's NEON) ConditionalSelect is already one bit-select instruction.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PrunAdag;

internal readonly struct Simd512(Vector512<double> value) : ISimd<Simd512>
{
    public readonly Vector512<double> Value = value;
    public static int Count => Vector512<double>.Count;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
    public static Simd512 Zero => new(Vector512<double>.Zero);
    public static Simd512 AllBitsSet => new(Vector512<double>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Create(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => Value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator +(Simd512 a, Simd512 b) => new(a.Value + b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator -(Simd512 a, Simd512 b) => new(a.Value - b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator -(Simd512 a) => new(-a.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator *(Simd512 a, Simd512 b) => new(a.Value * b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator /(Simd512 a, Simd512 b) => new(a.Value / b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator &(Simd512 a, Simd512 b) => new(a.Value & b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator |(Simd512 a, Simd512 b) => new(a.Value | b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 operator ^(Simd512 a, Simd512 b) => new(a.Value ^ b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 AndNot(Simd512 a, Simd512 b) => new(Vector512.AndNot(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Sqrt(Simd512 a) => new(Vector512.Sqrt(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 SqrtOnMultiplyAdd(Simd512 a) => new(MultiplyAddSqrt.Sqrt(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Abs(Simd512 a) => new(Vector512.Abs(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 GreaterThan(Simd512 a, Simd512 b) => new(Vector512.GreaterThan(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 LessThan(Simd512 a, Simd512 b) => new(Vector512.LessThan(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 LessThanOrEqual(Simd512 a, Simd512 b) => new(Vector512.LessThanOrEqual(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool EqualsAny(Simd512 a, Simd512 b) => Vector512.EqualsAny(a.Value, b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 Equal(Simd512 a, Simd512 b) => new(Vector512.Equals(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyTrue(Simd512 mask) => Vector512.ExtractMostSignificantBits(mask.Value) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 ConditionalSelect(Simd512 mask, Simd512 a, Simd512 b) => new(Vector512.ConditionalSelect(mask.Value, a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 MinNative(Simd512 a, Simd512 b) => new(Vector512.MinNative(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd512 CountTrue(Simd512 counter, Simd512 mask) => new((counter.Value.AsInt64() - mask.Value.AsInt64()).AsDouble());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long TotalCount(Simd512 counter) => Vector512.Sum(counter.Value.AsInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public double GetElement(int index) => Value.GetElement(index);
}

internal readonly struct Simd256(Vector256<double> value) : ISimd<Simd256>
{
    public readonly Vector256<double> Value = value;
    public static int Count => Vector256<double>.Count;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
    public static Simd256 Zero => new(Vector256<double>.Zero);
    public static Simd256 AllBitsSet => new(Vector256<double>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Create(double value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Load(ref double source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => Value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator +(Simd256 a, Simd256 b) => new(a.Value + b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator -(Simd256 a, Simd256 b) => new(a.Value - b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator -(Simd256 a) => new(-a.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator *(Simd256 a, Simd256 b) => new(a.Value * b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator /(Simd256 a, Simd256 b) => new(a.Value / b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator &(Simd256 a, Simd256 b) => new(a.Value & b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator |(Simd256 a, Simd256 b) => new(a.Value | b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 operator ^(Simd256 a, Simd256 b) => new(a.Value ^ b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 AndNot(Simd256 a, Simd256 b) => new(Vector256.AndNot(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Sqrt(Simd256 a) => new(Vector256.Sqrt(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 SqrtOnMultiplyAdd(Simd256 a) => new(Vector256.Sqrt(a.Value)); // the 256-bit form was slower (MultiplyAddSqrt)
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Abs(Simd256 a) => new(Vector256.Abs(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 GreaterThan(Simd256 a, Simd256 b) => new(Vector256.GreaterThan(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 LessThan(Simd256 a, Simd256 b) => new(Vector256.LessThan(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 LessThanOrEqual(Simd256 a, Simd256 b) => new(Vector256.LessThanOrEqual(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool EqualsAny(Simd256 a, Simd256 b) => Vector256.EqualsAny(a.Value, b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 Equal(Simd256 a, Simd256 b) => new(Vector256.Equals(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyTrue(Simd256 mask) => Vector256.ExtractMostSignificantBits(mask.Value) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 ConditionalSelect(Simd256 mask, Simd256 a, Simd256 b) =>
        new(Avx.IsSupported ? Avx.BlendVariable(b.Value, a.Value, mask.Value) : Vector256.ConditionalSelect(mask.Value, a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 MinNative(Simd256 a, Simd256 b) => new(Vector256.MinNative(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd256 CountTrue(Simd256 counter, Simd256 mask) => new((counter.Value.AsInt64() - mask.Value.AsInt64()).AsDouble());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long TotalCount(Simd256 counter) => Vector256.Sum(counter.Value.AsInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public double GetElement(int index) => Value.GetElement(index);
}

internal readonly struct Simd128(Vector128<double> value) : ISimd<Simd128>
{
    public readonly Vector128<double> Value = value;
    public static int Count => Vector128<double>.Count;
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;
    public static Simd128 Zero => new(Vector128<double>.Zero);
    public static Simd128 AllBitsSet => new(Vector128<double>.AllBitsSet);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Create(double value) => new(Vector128.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Load(ref double source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public void Store(ref double destination, nuint index) => Value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator +(Simd128 a, Simd128 b) => new(a.Value + b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator -(Simd128 a, Simd128 b) => new(a.Value - b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator -(Simd128 a) => new(-a.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator *(Simd128 a, Simd128 b) => new(a.Value * b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator /(Simd128 a, Simd128 b) => new(a.Value / b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator &(Simd128 a, Simd128 b) => new(a.Value & b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator |(Simd128 a, Simd128 b) => new(a.Value | b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 operator ^(Simd128 a, Simd128 b) => new(a.Value ^ b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 AndNot(Simd128 a, Simd128 b) => new(Vector128.AndNot(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Sqrt(Simd128 a) => new(Vector128.Sqrt(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 SqrtOnMultiplyAdd(Simd128 a) => new(Vector128.Sqrt(a.Value)); // no estimate instruction on SSE
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Abs(Simd128 a) => new(Vector128.Abs(a.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 GreaterThan(Simd128 a, Simd128 b) => new(Vector128.GreaterThan(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 LessThan(Simd128 a, Simd128 b) => new(Vector128.LessThan(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 LessThanOrEqual(Simd128 a, Simd128 b) => new(Vector128.LessThanOrEqual(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool EqualsAny(Simd128 a, Simd128 b) => Vector128.EqualsAny(a.Value, b.Value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 Equal(Simd128 a, Simd128 b) => new(Vector128.Equals(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyTrue(Simd128 mask) => Vector128.ExtractMostSignificantBits(mask.Value) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 ConditionalSelect(Simd128 mask, Simd128 a, Simd128 b) =>
        new(Sse41.IsSupported ? Sse41.BlendVariable(b.Value, a.Value, mask.Value) : Vector128.ConditionalSelect(mask.Value, a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 MinNative(Simd128 a, Simd128 b) => new(Vector128.MinNative(a.Value, b.Value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Simd128 CountTrue(Simd128 counter, Simd128 mask) => new((counter.Value.AsInt64() - mask.Value.AsInt64()).AsDouble());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long TotalCount(Simd128 counter) => Vector128.Sum(counter.Value.AsInt64());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public double GetElement(int index) => Value.GetElement(index);
}
