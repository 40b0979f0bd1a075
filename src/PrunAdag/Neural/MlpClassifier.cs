using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace PrunAdag.Neural;

/// <summary>How <see cref="MlpClassifier.InitialParameters(int, MlpInitialization)"/> draws the weights (biases start at 0).</summary>
public enum MlpInitialization
{
    /// <summary>He (Kaiming) normal for ReLU layers: W_l ~ N(0, 2 / n_{l−1}) (He et al. 2015, eq. 10; PyTorch's <c>kaiming_normal_</c> with fan-in and gain √2).</summary>
    He,
    /// <summary>Glorot (Xavier) normal: W_l ~ N(0, 2 / (n_{l−1} + n_l)) (Glorot and Bengio 2010, eq. 16 in its normal form; PyTorch's <c>xavier_normal_</c>).</summary>
    Glorot,
}

/// <summary>The mean cross-entropy loss and the accuracy of a classifier on a data set.</summary>
/// <param name="Loss">(1/N) Σ −log p_{y_i}(x_i), without any L2 term.</param>
/// <param name="Accuracy">The fraction of samples whose largest logit (ties: the smaller class) is the label.</param>
public readonly record struct MlpEvaluation(double Loss, double Accuracy);

/// <summary>
/// A dense multilayer perceptron classifier as an objective over its parameters: layer sizes n_0 (features),
/// n_1 … n_{L−1} (hidden, ReLU), n_L (classes, softmax), and
/// f(x) = (1/N) Σ_i −log softmax(z_L(a_i))_{y_i} + (λ/2) Σ_l ‖W_l‖² (the L2 term on the weights only).
/// </summary>
/// <remarks>
/// <para>Parameters (<see cref="Layout"/>): W1, W2, …, W_L, then b1, b2, …, b_L, where W_l is stored row-major as n_{l−1} × n_l
/// (W_l[i, j] at offset i·n_l + j: input i to unit j) and b_l has n_l entries. Layer l computes
/// z_l = a_{l−1} W_l + b_l and a_l = max(z_l, 0) for hidden layers (relu′(0) = 0, as PyTorch).</para>
/// <para>Fixed order of arithmetic (bitwise the same for every vector width and thread count): every product
/// sum of the forward and backward passes is the <see cref="Gemm"/> order (sequential over the summed index, no
/// fused multiply-add); z = (Σ_i a_i W[i, j]) + b_j; per sample, m = max_c z_c, e_c = exp(z_c − m),
/// S = Σ_c e_c in class order, loss = (m + log S) − z_y, ∂/∂z_c = e_c / S − [c = y]; the weight and bias
/// gradients sum the samples of a batch in batch order (a batch longer than the buffers is processed in
/// consecutive chunks that continue the same sums), then every finished sum is multiplied by 1/|S| and the
/// weights get + λ·W. So a batch gradient depends on its samples and their order only. The weight gradients
/// a_{l−1}ᵀ·∂z_l read the activations through their transpose and are written into the caller's gradient with the
/// factor 1/|S| applied as each sum is stored: no copy of x, no separate buffer of sums, no transposed activations.</para>
/// <para>Buffers are sized once for the schedule's largest batch: a gradient or value evaluation allocates
/// nothing. The matrix products may share their rows among several threads (<see cref="Threads"/>), which
/// changes no bit. Not safe to share between threads (create one per concurrent run; the data set can be shared).</para>
/// </remarks>
public sealed class MlpClassifier : MiniBatchObjective
{
    private readonly LabelledData _data;
    private readonly int[] _sizes;
    private readonly int[] _w, _b; // offsets of W_l and b_l, l = 1..L (index 0 unused)
    private readonly int _capacity;
    private readonly double[] _input;     // capacity × n_0
    private readonly double[][] _act;     // l = 1..L: capacity × n_l (hidden: a_l; l = L: the logits, then ∂/∂z_L)
    private readonly double[][] _delta;   // l = 1..L−1: capacity × n_l, ∂/∂z_l
    private readonly double[][] _wt;      // l = 2..L: W_lᵀ, n_l × n_{l−1}
    private readonly int[] _chunk;
    private readonly ParallelGemm _gemm;

    /// <summary>Creates the classifier objective on <paramref name="data"/>.</summary>
    /// <param name="data">The training samples (features n_0 = <see cref="LabelledData.FeatureCount"/>, classes n_L = <see cref="LabelledData.ClassCount"/>).</param>
    /// <param name="hiddenSizes">n_1 … n_{L−1}, each ≥ 1 (may be empty: softmax regression).</param>
    /// <param name="schedule">The batches; its sample count must be the data set's.</param>
    /// <param name="l2">λ ≥ 0 (0: no L2 term).</param>
    /// <param name="threads">The most threads one matrix product uses (≥ 1); no result depends on it.</param>
    public MlpClassifier(LabelledData data, IReadOnlyList<int> hiddenSizes, BatchSchedule schedule, double l2 = 0, int threads = 1)
        : base(DimensionOf(data, hiddenSizes), schedule)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be at least 1.");
        if (schedule.SampleCount != data.Count)
            throw new ArgumentException($"The schedule is for {schedule.SampleCount} samples but the data set has {data.Count}.", nameof(schedule));
        if (!(l2 >= 0 && double.IsFinite(l2))) throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 weight λ must be finite and ≥ 0.");
        _data = data;
        L2 = l2;
        _sizes = [data.FeatureCount, .. hiddenSizes, data.ClassCount];
        Layout = ParameterLayout.Mlp(_sizes);
        int layers = _sizes.Length - 1;
        _w = new int[layers + 1]; _b = new int[layers + 1];
        for (int l = 1; l <= layers; l++) { _w[l] = Layout[$"W{l}"].Offset; _b[l] = Layout[$"b{l}"].Offset; }
        _capacity = schedule.MaxBatchSize;
        CheckFits(_sizes, _capacity, nameof(schedule));
        _input = new double[_capacity * _sizes[0]];
        _act = new double[layers + 1][]; _delta = new double[layers][]; _wt = new double[layers + 1][];
        for (int l = 1; l <= layers; l++)
        {
            _act[l] = new double[_capacity * _sizes[l]];
            if (l < layers) _delta[l] = new double[_capacity * _sizes[l]];
            if (l >= 2) _wt[l] = new double[_sizes[l] * _sizes[l - 1]];
        }
        _act[0] = _input;
        _chunk = new int[_capacity];
        _gemm = new ParallelGemm(threads);
    }

    /// <summary>The objective with a new schedule <c>new BatchSchedule(data.Count, batchSize, shuffle: true, seed)</c>.</summary>
    public MlpClassifier(LabelledData data, IReadOnlyList<int> hiddenSizes, int batchSize, int seed, double l2 = 0, int threads = 1)
        : this(data, hiddenSizes, new BatchSchedule((data ?? throw new ArgumentNullException(nameof(data))).Count, batchSize, shuffle: true, seed), l2, threads) { }

    /// <summary>
    /// Throws unless a batch of <paramref name="capacity"/> samples through the widest of <paramref name="layerSizes"/> fits
    /// in one array: the activations of a layer for a batch are one array, so refuse, naming both, what none can hold.
    /// </summary>
    internal static void CheckFits(IReadOnlyList<int> layerSizes, int capacity, string parameterName)
    {
        long values = (long)capacity * layerSizes.Max();
        if (values > Array.MaxLength)
            throw new ArgumentOutOfRangeException(parameterName, capacity,
                $"A batch of {capacity} samples through a layer of {layerSizes.Max()} units needs {values} values in one array, more than " +
                $"the {Array.MaxLength} an array holds: use smaller batches or narrower layers.");
    }

    private static int DimensionOf(LabelledData data, IReadOnlyList<int> hidden)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hidden);
        return ParameterLayout.Mlp([data.FeatureCount, .. hidden, data.ClassCount]).Dimension;
    }

    /// <summary>n_0, n_1, …, n_L.</summary>
    public IReadOnlyList<int> LayerSizes => _sizes;

    /// <summary>The parameter blocks W1, …, W_L, b1, …, b_L (weights prunable, biases not; <see cref="ParameterLayout.Mlp"/>).</summary>
    public override ParameterLayout Layout { get; }

    /// <summary>The training data.</summary>
    public LabelledData Data => _data;

    /// <summary>λ.</summary>
    public double L2 { get; }

    /// <summary>The most threads one matrix product uses (results are bitwise the same for any count).</summary>
    public int Threads => _gemm.Threads;

    /// <inheritdoc/>
    public override string Name => $"MLP {string.Join("-", _sizes)} ({_data.Count} samples{(L2 > 0 ? $", L2 {L2:G3}" : "")})";

    /// <summary>
    /// Seeded initial parameters: one <see cref="MersenneTwister"/> seeded with <paramref name="seed"/> draws the
    /// weights of W1, W2, … in storage order (row-major) with MathNet's <see cref="Normal"/> sampler, standard
    /// deviation σ_l = sqrt(2 / n_{l−1}) (He) or sqrt(2 / (n_{l−1} + n_l)) (Glorot); biases are 0.
    /// </summary>
    public Vector<double> InitialParameters(int seed, MlpInitialization initialization = MlpInitialization.He) =>
        InitialParameters(new MersenneTwister(seed), initialization);

    /// <summary>The draws of <see cref="InitialParameters(int, MlpInitialization)"/> from a given generator (advanced by the call).</summary>
    public Vector<double> InitialParameters(Random rng, MlpInitialization initialization = MlpInitialization.He)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var x = new double[Dimension];
        for (int l = 1; l < _sizes.Length; l++)
        {
            double sigma = initialization switch
            {
                MlpInitialization.He => Math.Sqrt(2.0 / _sizes[l - 1]),
                MlpInitialization.Glorot => Math.Sqrt(2.0 / (_sizes[l - 1] + _sizes[l])),
                _ => throw new ArgumentOutOfRangeException(nameof(initialization), initialization, "Unknown initialisation."),
            };
            var w = x.AsSpan(_w[l], _sizes[l - 1] * _sizes[l]);
            for (int i = 0; i < w.Length; i++) w[i] = Normal.Sample(rng, 0.0, sigma);
        }
        return Vector<double>.Build.Dense(x);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also when <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public override void BatchGradient(ReadOnlySpan<int> samples, ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckBatch(samples, x, gradient.Length);
        if (x.Overlaps(gradient)) throw new ArgumentException("The gradient's storage overlaps x; give it an array of its own.", nameof(gradient));
        int layers = _sizes.Length - 1;
        for (int l = 2; l <= layers; l++)
            Gemm.Transpose(x.Slice(_w[l], _sizes[l - 1] * _sizes[l]), _sizes[l], _sizes[l - 1], _sizes[l], _wt[l], _sizes[l - 1]);
        double inv = 1.0 / samples.Length;
        for (int start = 0; start < samples.Length; start += _capacity)
        {
            int count = Math.Min(_capacity, samples.Length - start);
            // The first chunk starts every sum at +0, later ones continue them; the last applies the factor 1/|S|.
            bool first = start == 0;
            double scale = start + count == samples.Length ? inv : 1.0;
            Forward(_data, samples.Slice(start, count), x);
            SoftmaxCrossEntropy(_data, samples.Slice(start, count), count, gradient: true, 0.0);
            for (int l = layers; l >= 1; l--)
            {
                int nIn = _sizes[l - 1], nOut = _sizes[l];
                double[] d = l == layers ? _act[layers] : _delta[l];
                // ∂W_l = a_{l−1}ᵀ · ∂z_l (each entry sums the samples in order), read through a_{l−1} itself.
                _gemm.Multiply(_act[l - 1], nIn, d, nOut, gradient.Slice(_w[l], nIn * nOut), nOut, nIn, nOut, count,
                    accumulate: !first, skipZeros: l == 1, transposeA: true, scale);
                // ∂b_l = Σ_s ∂z_l[s, ·].
                MlpLoops.SumRows(gradient.Slice(_b[l], nOut), d.AsSpan(0, count * nOut), count, accumulate: !first, scale);
                if (l == 1) continue;
                // ∂z_{l−1} = (∂z_l · W_lᵀ) ⊙ relu′(z_{l−1}), with relu′ = 1 where a_{l−1} > 0.
                double[] dPrev = _delta[l - 1];
                _gemm.Multiply(d, nOut, _wt[l], nIn, dPrev, nIn, count, nIn, nOut, accumulate: false, skipZeros: false);
                MlpLoops.ReluMask(dPrev.AsSpan(0, count * nIn), _act[l - 1].AsSpan(0, count * nIn));
            }
        }
        if (L2 > 0)
            for (int l = 1; l <= layers; l++)
            {
                var gw = gradient.Slice(_w[l], _sizes[l - 1] * _sizes[l]);
                var w = x.Slice(_w[l], gw.Length);
                for (int i = 0; i < gw.Length; i++) gw[i] += L2 * w[i];
            }
    }

    /// <inheritdoc/>
    public override double BatchValue(ReadOnlySpan<int> samples, ReadOnlySpan<double> x)
    {
        CheckBatch(samples, x, -1);
        double sum = 0;
        for (int start = 0; start < samples.Length; start += _capacity)
        {
            int count = Math.Min(_capacity, samples.Length - start);
            Forward(_data, samples.Slice(start, count), x);
            sum = SoftmaxCrossEntropy(_data, samples.Slice(start, count), count, gradient: false, sum);
        }
        double value = sum * (1.0 / samples.Length);
        if (L2 > 0)
        {
            double squares = 0;
            for (int l = 1; l < _sizes.Length; l++)
                foreach (double w in x.Slice(_w[l], _sizes[l - 1] * _sizes[l])) squares += w * w;
            value += 0.5 * L2 * squares;
        }
        return value;
    }

    /// <summary>The mean cross-entropy (no L2 term) and the accuracy of parameters <paramref name="x"/> on <paramref name="data"/> (e.g. a test set).</summary>
    /// <exception cref="ArgumentException">The data set's feature or class count differs from the network's.</exception>
    public MlpEvaluation Evaluate(ReadOnlySpan<double> x, LabelledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (x.Length != Dimension) throw new ArgumentException($"x has {x.Length} entries; the network has {Dimension} parameters.", nameof(x));
        if (data.FeatureCount != _sizes[0] || data.ClassCount != _sizes[^1])
            throw new ArgumentException($"The data set has {data.FeatureCount} features and {data.ClassCount} classes; the network takes {_sizes[0]} and predicts {_sizes[^1]}.", nameof(data));
        double loss = 0;
        int correct = 0, classes = _sizes[^1];
        for (int start = 0; start < data.Count; start += _capacity)
        {
            int count = Math.Min(_capacity, data.Count - start);
            for (int s = 0; s < count; s++) _chunk[s] = start + s;
            var rows = _chunk.AsSpan(0, count);
            Forward(data, rows, x);
            var logits = _act[^1];
            for (int s = 0; s < count; s++)
            {
                int best = 0;
                for (int c = 1; c < classes; c++) if (logits[s * classes + c] > logits[s * classes + best]) best = c;
                if (best == data.Label(rows[s])) correct++;
            }
            loss = SoftmaxCrossEntropy(data, rows, count, gradient: false, loss);
        }
        return new MlpEvaluation(loss * (1.0 / data.Count), (double)correct / data.Count);
    }

    /// <summary>The accuracy of <paramref name="x"/> on <paramref name="data"/> (the form of a problem's test-accuracy measure).</summary>
    public double Accuracy(Vector<double> x, LabelledData data)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Evaluate(AsSpan(x), data).Accuracy;
    }

    // a_0 = the gathered samples; z_l = a_{l−1} W_l + b_l (W and b from x); a_l = max(z_l, 0) for hidden layers; logits z_L in _act[L].
    private void Forward(LabelledData data, ReadOnlySpan<int> rows, ReadOnlySpan<double> x)
    {
        int count = rows.Length, n0 = _sizes[0], layers = _sizes.Length - 1;
        for (int s = 0; s < count; s++) data.Features(rows[s]).CopyTo(_input.AsSpan(s * n0, n0));
        for (int l = 1; l <= layers; l++)
        {
            int nIn = _sizes[l - 1], nOut = _sizes[l];
            var z = _act[l];
            _gemm.Multiply(_act[l - 1], nIn, x.Slice(_w[l], nIn * nOut), nOut, z, nOut, count, nOut, nIn, accumulate: false, skipZeros: l == 1);
            MlpLoops.AddBias(z.AsSpan(0, count * nOut), x.Slice(_b[l], nOut), count, relu: l < layers);
        }
    }

    // total + Σ_s loss_s over the chunk in order (so chunks continue one sum); with gradient, replaces the
    // logits by ∂loss_s/∂z_L (unscaled).
    private double SoftmaxCrossEntropy(LabelledData data, ReadOnlySpan<int> rows, int count, bool gradient, double total)
    {
        int classes = _sizes[^1];
        var z = _act[^1];
        for (int s = 0; s < count; s++)
        {
            var row = z.AsSpan(s * classes, classes);
            int y = data.Label(rows[s]);
            double max = row[0];
            for (int c = 1; c < classes; c++) if (row[c] > max) max = row[c];
            double zy = row[y], sum = 0;
            for (int c = 0; c < classes; c++)
            {
                double e = Math.Exp(row[c] - max);
                sum += e;
                if (gradient) row[c] = e;
            }
            total += (max + Math.Log(sum)) - zy;
            if (gradient)
                for (int c = 0; c < classes; c++) row[c] = row[c] / sum - (c == y ? 1.0 : 0.0);
        }
        return total;
    }
}
