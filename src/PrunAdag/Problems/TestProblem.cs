using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Problems;

/// <summary>
/// A ready-to-run instance of one of the paper's experiment problems: the objective, the paper's
/// starting point and T, and what is known about it (x*, a test-accuracy measure for classifiers).
/// A seed fully determines the instance.
/// </summary>
public sealed record TestProblem
{
    /// <summary>Catalogue name, e.g. <c>random-ls:A2</c>, <c>sparco:7</c>, <c>classification:mnist</c>, <c>neural:mnist-mlp</c>.</summary>
    public required string Name { get; init; }

    /// <summary>"least-squares", "logistic" or "neural-classifier".</summary>
    public required string Kind { get; init; }

    /// <summary>The seed that generated the instance (0 for deterministic problems).</summary>
    public required int Seed { get; init; }

    /// <summary>f.</summary>
    public required Objective Objective { get; init; }

    /// <summary>The starting point the paper uses for this family.</summary>
    public required Vector<double> X0 { get; init; }

    /// <summary>T the paper uses for this family.</summary>
    public required int TargetRelevant { get; init; }

    /// <summary>A true solution x* when one is known (random least squares, SPARCO).</summary>
    public Vector<double>? Solution { get; init; }

    /// <summary>Test-set accuracy of a parameter vector (classification problems only).</summary>
    public Func<Vector<double>, double>? TestAccuracy { get; init; }

    /// <summary>
    /// Optional evaluation of a parameter vector during training (neural problems: train loss on a fixed training
    /// subset, test loss, test accuracy), in the form of <see cref="MinimizerOptions.Evaluate"/>.
    /// </summary>
    public Func<Vector<double>, IReadOnlyDictionary<string, double>>? Evaluate { get; init; }

    /// <summary>The named blocks of the parameter vector (neural problems: layer weights prunable, biases not); null means one prunable block.</summary>
    public ParameterLayout? Layout { get; init; }

    /// <summary>One sentence for summaries ("A2: first m rows of a random orthogonal matrix, m = 100, n = 1000").</summary>
    public string Description { get; init; } = "";

    /// <summary>n.</summary>
    public int Dimension => Objective.Dimension;

    /// <summary><paramref name="method"/>'s paper defaults with this instance's T (for methods with a relevant set).</summary>
    public MinimizerOptions OptionsFor(Method method) =>
        (method ?? throw new ArgumentNullException(nameof(method))).DefaultOptions.WithTargetRelevant(TargetRelevant);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (seed {Seed}): {Kind}, n = {Dimension}, T = {TargetRelevant}. {Description}";
}
