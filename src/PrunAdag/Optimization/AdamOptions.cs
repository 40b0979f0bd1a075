namespace PrunAdag;

/// <summary>
/// Options of Adam (docs/algorithm.md B4), defaulting to PyTorch's <c>torch.optim.Adam</c>: lr 1e-3, betas
/// (0.9, 0.999), eps 1e-8, weight_decay 0, amsgrad false. The update is PyTorch's documented one (B4). Adam has no
/// relevant set; a parameter layout changes nothing.
/// </summary>
public sealed record AdamOptions : MinimizerOptions
{
    /// <summary>γ, the learning rate, finite and &gt; 0. PyTorch: 1e-3.</summary>
    [Parameter("learning-rate", "γ, the learning rate.", Symbol = "γ", Min = 0, MinExclusive = true)]
    public double LearningRate { get; init => field = Check(value); } = 1e-3;

    /// <summary>β₁ ∈ [0, 1), the decay of the first moment. PyTorch: 0.9.</summary>
    [Parameter("beta1", "β₁, the decay of the first moment.", Symbol = "β₁", Min = 0, Max = 1, MaxExclusive = true)]
    public double Beta1 { get; init => field = Check(value); } = 0.9;

    /// <summary>β₂ ∈ [0, 1), the decay of the second moment. PyTorch: 0.999.</summary>
    [Parameter("beta2", "β₂, the decay of the second moment.", Symbol = "β₂", Min = 0, Max = 1, MaxExclusive = true)]
    public double Beta2 { get; init => field = Check(value); } = 0.999;

    /// <summary>ε &gt; 0, added to √v̂. PyTorch: 1e-8.</summary>
    [Parameter("epsilon", "ε, added to the root of the second moment.", Symbol = "ε", Min = 0, MinExclusive = true)]
    public double Epsilon { get; init => field = Check(value); } = 1e-8;

    /// <summary>λ ≥ 0, PyTorch's (coupled) weight decay: g ← g + λx before the moments. PyTorch: 0.</summary>
    [Parameter("weight-decay", "λ, PyTorch's coupled weight decay (g + λx).", Symbol = "λ", Min = 0)]
    public double WeightDecay { get; init => field = Check(value); }

    /// <summary>AMSGrad: the denominator uses the running maximum of the second moment. PyTorch: false.</summary>
    [Parameter("amsgrad", "Use the running maximum of the second moment (AMSGrad).")]
    public bool Amsgrad { get; init; }

    internal Neural.AdamParameters ToParameters() => new()
    {
        LearningRate = LearningRate, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon, WeightDecay = WeightDecay, Amsgrad = Amsgrad,
    };
}
