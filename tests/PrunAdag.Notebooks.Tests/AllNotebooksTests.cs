namespace PrunAdag.Notebooks.Tests;

/// <summary>Run fixtures, one per notebook: each notebook executes once for the tests of its class.</summary>
public sealed class OptimisableVsDecreasableNotebook() : NotebookFixture("02-optimisable-vs-decreasable.ipynb");
public sealed class RandomLeastSquaresNotebook() : NotebookFixture("03-random-least-squares.ipynb");
public sealed class SparseSignalRecoveryNotebook() : NotebookFixture("04-sparse-signal-recovery.ipynb");
public sealed class PruningAClassifierNotebook() : NotebookFixture("05-pruning-a-classifier.ipynb");
public sealed class BringYourOwnObjectiveNotebook() : NotebookFixture("06-bring-your-own-objective.ipynb");

[Collection("notebooks")]
public class Probe2(OptimisableVsDecreasableNotebook nb) : IClassFixture<OptimisableVsDecreasableNotebook> { [Fact] public void Runs() => nb.AssertRanToTheEnd(); }
[Collection("notebooks")]
public class Probe3(RandomLeastSquaresNotebook nb) : IClassFixture<RandomLeastSquaresNotebook> { [Fact] public void Runs() => nb.AssertRanToTheEnd(); }
[Collection("notebooks")]
public class Probe4(SparseSignalRecoveryNotebook nb) : IClassFixture<SparseSignalRecoveryNotebook> { [Fact] public void Runs() => nb.AssertRanToTheEnd(); }
[Collection("notebooks")]
public class Probe5(PruningAClassifierNotebook nb) : IClassFixture<PruningAClassifierNotebook> { [Fact] public void Runs() => nb.AssertRanToTheEnd(); }
[Collection("notebooks")]
public class Probe6(BringYourOwnObjectiveNotebook nb) : IClassFixture<BringYourOwnObjectiveNotebook> { [Fact] public void Runs() => nb.AssertRanToTheEnd(); }
