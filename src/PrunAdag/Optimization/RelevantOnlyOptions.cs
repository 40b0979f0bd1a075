namespace PrunAdag;

/// <summary>
/// Options of the relevant-only ablation (docs/algorithm.md, B3): O_k = R_k with no acceptable set; the
/// decreasable step still needs a_i, taken from <see cref="BaseVariant"/>'s row of Table 1.
/// </summary>
public sealed record RelevantOnlyOptions : PrunAdagOptions
{
    /// <summary>The variant whose a_i the decreasable step uses. Default V3.</summary>
    [Parameter("base-variant", "The variant whose a_i the decreasable step uses.")]
    public Variant BaseVariant { get; init => field = Check(value); } = Variant.V3;
}
