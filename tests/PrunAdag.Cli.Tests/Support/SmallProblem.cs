using MathNet.Numerics.LinearAlgebra;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.Support;

/// <summary>A small under-determined least-squares problem with awkward doubles, fixed by a seed.</summary>
internal static class SmallProblem
{
    public static ProblemFile Create(int m = 8, int n = 40, int seed = 7, int? targetRelevant = 6)
    {
        var rng = new Random(seed);
        // Values like 0.1·k/3 have long decimal expansions: a good test of round-trip formatting.
        var a = Matrix<double>.Build.Dense(m, n, (i, j) => (rng.NextDouble() - 0.5) / 3.0 / Math.Sqrt(m));
        var xStar = Vector<double>.Build.Dense(n, _ => rng.NextDouble() * 2 - 1);
        var b = a * xStar;
        var x0 = Vector<double>.Build.Dense(n, j => j % 3 == 0 ? 0.1 * (j + 1) / 7.0 : -1.0 / (j + 3));
        return new ProblemFile(a, b, x0) { TargetRelevant = targetRelevant };
    }

    public static string SaveTo(TempFolder folder, string name = "problem.json", int? targetRelevant = 6)
    {
        var p = Create(targetRelevant: targetRelevant);
        string path = folder.File(name);
        ProblemFile.Save(path, p.A, p.B, p.X0, p.TargetRelevant);
        return path;
    }

    public static bool SameBits(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
}
