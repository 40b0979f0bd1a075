using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>A copy of an iterate kept when <see cref="MinimizerOptions.IterateEvery"/> asks for it.</summary>
/// <param name="Iteration">k.</param>
/// <param name="X">x_k.</param>
public sealed record IterateSnapshot(int Iteration, Vector<double> X);
