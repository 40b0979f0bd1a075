namespace PrunAdag.Tests.Performance;

/// <summary>Random vectors rich in the cases a vectorised or radix path could get wrong.</summary>
internal static class BitwiseInputs
{
    // Ties (repeated magnitudes of both signs), exact zeros of both signs, subnormals, huge values.
    private static readonly double[] Specials =
        [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 1e150, -1e150, 1e-3, -1e-3];

    /// <summary>A vector whose entries are drawn from a mix chosen by <paramref name="kind"/>.</summary>
    public static double[] Vector(Random rng, int n, int kind)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = kind switch
            {
                0 => rng.NextDouble() * 2 - 1,                                             // distinct values
                1 => Specials[rng.Next(Specials.Length)],                                  // ties and specials only
                2 => rng.Next(4) == 0 ? Specials[rng.Next(Specials.Length)] : Gaussian(rng) * Math.Pow(10, rng.Next(-8, 9)),
                3 => rng.Next(3) == 0 ? 0.0 : (rng.Next(2) == 0 ? -1 : 1) * rng.Next(1, 4), // few distinct magnitudes, many zeros
                _ => Gaussian(rng),
            };
        }
        return v;
    }

    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Bitwise equality of two spans, naming the first differing index.</summary>
    public static void AssertBitwiseEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R} (0x{BitConverter.DoubleToInt64Bits(expected[i]):X16}), got {actual[i]:R} (0x{BitConverter.DoubleToInt64Bits(actual[i]):X16}).");
    }
}
