using BenchmarkDotNet.Attributes;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// One training iteration of the 784-256-128-10 MLP at batch 128: the batch gradient (forward and backward) and
/// each optimiser's step on its 235 146 parameters, so the step's share of an iteration can be read off.
/// The GFLOP/s of the gradient counts the dense-equivalent work, 2·128·(234 752 + 234 752 + 34 048) flops
/// (forward products, weight gradients, and the two hidden layers' back-propagated errors).
/// </summary>
[Config(typeof(GflopsConfig))]
[MemoryDiagnoser]
public class MlpBenchmarks
{
    public const double FlopsPerBatchGradient = 2.0 * 128 * (234_752 + 234_752 + 34_048);

    private MlpClassifier _mlp = null!, _mlp2 = null!;
    private double[] _x = [], _g = [], _xStep = [];
    private int _k;
    private AdamKernel _adam = null!;
    private AdagradKernel _adagrad = null!;
    private StepKernel _v3 = null!;
    private StochasticFrankWolfeKernel _sfw = null!;

    [GlobalSetup]
    public void Setup()
    {
        var train = NeuralInputs.Split().Train;
        _mlp = new MlpClassifier(train, NeuralProblems.MnistMlpHidden, new BatchSchedule(train.Count, 128, seed: 1));
        _mlp2 = new MlpClassifier(train, NeuralProblems.MnistMlpHidden, new BatchSchedule(train.Count, 128, seed: 1), threads: 2);
        _x = _mlp.InitialParameters(1).ToArray();
        _g = new double[_x.Length];
        _mlp.BatchGradient(0, _x, _g);
        _xStep = (double[])_x.Clone();
        int n = _x.Length, t = _mlp.Layout.PrunableCount / 10;
        _adam = new AdamKernel(n, new AdamParameters());
        _adagrad = new AdagradKernel(n, 0.01, 1.0);
        _v3 = Method.V3.CreateKernel(new PrunAdagOptions { TargetRelevant = t, StepScale = 0.01 }, _mlp.Layout); // as Minimizer creates it
        _sfw = new StochasticFrankWolfeKernel(n, StochasticFrankWolfeKernel.ForLayout(_mlp.Layout, PruningScope.Global, 0.1, 20.0, 1.0), new SfwParameters());
    }

    /// <summary>∇ of the mean loss over batch k (k cycles through the epoch's 63 batches).</summary>
    [Benchmark(Baseline = true)]
    public void BatchGradient128() => _mlp.BatchGradient(_k++ % 62, _x, _g);

    /// <summary>The same on two threads (bitwise the same gradient).</summary>
    [Benchmark] public void BatchGradient128TwoThreads() => _mlp2.BatchGradient(_k++ % 62, _x, _g);

    [Benchmark] public void StepAdam() => _adam.Step(Next(), _xStep, _g, 1e-3);
    [Benchmark] public void StepAdagrad() => _adagrad.Step(Next(), _xStep, _g, 1e-3);
    /// <summary>prunAdag-V3's step as Minimizer creates it for the MLP: R_k over the weights (T = ⌊prunable/10⌋), Adagrad on the biases.</summary>
    [Benchmark] public void StepPrunAdagV3() => _v3.Step(Next(), _xStep, _g, 1e-3);
    [Benchmark] public void StepStochasticFrankWolfe() => _sfw.Step(Next(), _xStep, _g, 1e-3);

    // Every 64 steps on the one fixed g, x starts again from x0 (so no component decays towards subnormal values).
    private int Next()
    {
        if ((++_k & 63) == 0) _x.CopyTo(_xStep, 0);
        return _k;
    }
}
