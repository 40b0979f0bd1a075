namespace PrunAdag.Tests.Performance;

/// <summary>Every method's step allocates nothing: the per-iteration cost of a run is arithmetic only.</summary>
public class AllocationFreeStepTests
{
    [Theory]
    [InlineData("V1")] [InlineData("V2")] [InlineData("V3")] [InlineData("V4")] [InlineData("RelevantOnly")]
    [InlineData("Adagrad")] [InlineData("FW1")] [InlineData("FW2")] [InlineData("Adam")]
    public void Step_allocates_no_bytes(string method)
    {
        // Large enough for the sampled selection path and for a step in blocks on several threads, odd for the scalar tail.
        const int n = 100_003;
        Assert.True(PrunAdag.Numerics.StepPass.Blocks(n) > 1);
        var rng = new Random(1);
        var x = BitwiseInputs.Vector(rng, n, 2);
        var g = BitwiseInputs.Vector(rng, n, 2);
        int t = n / 10;
        StepKernel kernel = method switch
        {
            "Adagrad" => new AdagradKernel(n, 0.01, 1.0),
            "Adam" => new PrunAdag.Neural.AdamKernel(n, new PrunAdag.Neural.AdamParameters()),
            "FW1" => new FrankWolfeKernel(n, t, FrankWolfeRule.FW1, 50, 0.001),
            "FW2" => new FrankWolfeKernel(n, t, FrankWolfeRule.FW2, 100, 0.001),
            "RelevantOnly" => new PrunAdagKernel(n, t, Variant.V3, relevantOnly: true, 0.01, 1.0),
            _ => new PrunAdagKernel(n, t, Enum.Parse<Variant>(method), relevantOnly: false, 0.01, 1.0),
        };
        int k = 0;
        SteadyStateAllocation.AssertNone(() => kernel.Step(k++, x, g, 1e-3));
    }

    [Fact]
    public void Small_least_squares_gradient_allocates_no_bytes()
    {
        var rng = new Random(2);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(100, 1000, (i, j) => rng.NextDouble() - 0.5);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(100, i => rng.NextDouble());
        var f = Objective.LeastSquares(a, b);
        var x = new double[1000]; var g = new double[1000];
        SteadyStateAllocation.AssertNone(() => f.Gradient(x, g));
    }
}
