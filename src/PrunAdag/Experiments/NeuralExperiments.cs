using PrunAdag.Data;
using PrunAdag.Neural;
using PrunAdag.Problems;

namespace PrunAdag.Experiments;

/// <summary>
/// The experiment beyond the paper (docs/algorithm.md E5): training and pruning a neural network on mini-batches with
/// every method from the same initial weights and the same number of gradient evaluations, as a ready-made plan for
/// <see cref="ExperimentRunner"/>: the problems <c>neural:mnist-mlp</c> (and optionally <c>neural:a9a-logistic</c>),
/// the methods, the epochs, the σ grid 0, 50, 70, 80, 90, 95, 98 % of the prunable weights (global magnitude, biases
/// excluded) and the prune-and-fine-tune baseline (B6).
/// </summary>
public static class NeuralExperiments
{
    /// <summary>The family name, as <c>prunadag reproduce neural</c> takes it.</summary>
    public const string Family = "neural";

    /// <summary>The problems: <c>neural:mnist-mlp</c> (the default) and <c>neural:a9a-logistic</c>.</summary>
    public static IReadOnlyList<string> Problems { get; } = ["neural:mnist-mlp", "neural:a9a-logistic"];

    /// <summary>σ = 0, 50, 70, 80, 90, 95, 98 % of the prunable weights.</summary>
    public static IReadOnlyList<double> Sigmas { get; } = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98];

    /// <summary>The default methods: prunAdag V1–V4, Adagrad, Adam, train-dense-prune-fine-tune (masked Adam), SFW.</summary>
    public static IReadOnlyList<Method> DefaultMethods { get; } =
        [Method.V1, Method.V2, Method.V3, Method.V4, Method.Adagrad, Method.Adam, Method.MaskedAdam, Method.SFW];

    /// <summary>The default number of epochs per run.</summary>
    public const int DefaultEpochs = 10;

    /// <summary>
    /// η of Adagrad and of prunAdag's Adagrad step on these problems: 0.01, PyTorch's default learning rate for
    /// <c>torch.optim.Adagrad</c> (the paper's η = 1 moves every weight by about 1 on the first step; E5).
    /// </summary>
    public const double StepScale = 0.01;

    /// <summary>The plan.</summary>
    /// <param name="seeds">Number of seeds (1..N); every method of one seed starts from the same x0.</param>
    /// <param name="methods">Methods (default <see cref="DefaultMethods"/>).</param>
    /// <param name="problems">Problems (default <c>neural:mnist-mlp</c>; short names mnist-mlp, a9a-logistic).</param>
    /// <param name="dataDirectory">Folder with mnist/ and a9a/ (default: <see cref="DataLocator.Find"/>); missing data: the labelled synthetic stand-ins.</param>
    /// <param name="epochs">Epochs per run (default <see cref="DefaultEpochs"/>).</param>
    /// <param name="batchSize">The batch size (default 128).</param>
    /// <param name="jobs">Parallel instances (default: all cores); no result depends on it.</param>
    /// <param name="fineTuneEpochs">F of the prune-and-fine-tune baseline (default 1; B6): ≥ 0, and below <paramref name="epochs"/> when masked-adam runs.</param>
    /// <param name="stationarity">Also compute ρ and ω at each σ (one full-data gradient per σ; default off).</param>
    /// <param name="hiddenSizes">The MLP's hidden layers (default 256, 128: the 784-256-128-10 network).</param>
    /// <param name="overrides">Method parameters to set (name without dashes, value as typed), applied to every method of the
    /// plan that has the parameter, after the plan's own settings: e.g. ("step-scale", "0.03") for a sensitivity run.</param>
    /// <exception cref="FormatException">An override no method of the plan takes, or a bad value (the message names it).</exception>
    public static PaperPlan Plan(int seeds = 3, IReadOnlyList<Method>? methods = null, IReadOnlyList<string>? problems = null,
        string? dataDirectory = null, int epochs = DefaultEpochs, int batchSize = NeuralProblems.DefaultBatchSize, int? jobs = null,
        int fineTuneEpochs = 1, bool stationarity = false, IReadOnlyList<int>? hiddenSizes = null,
        IReadOnlyList<KeyValuePair<string, string>>? overrides = null)
    {
        if (hiddenSizes is not null && (hiddenSizes.Count == 0 || hiddenSizes.Any(h => h < 1)))
            throw new ArgumentException($"The hidden layer sizes must be one or more positive numbers; got [{string.Join(", ", hiddenSizes)}].", nameof(hiddenSizes));
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, $"seeds must be ≥ 1; got {seeds}.");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be ≥ 1; got {epochs}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be ≥ 1; got {batchSize}.");
        if (fineTuneEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(fineTuneEpochs), fineTuneEpochs, $"The fine-tuning epochs must be ≥ 0; got {fineTuneEpochs}.");
        var notes = new List<string>();
        var chosen = new List<string>();
        var asked = new Dictionary<string, string>(StringComparer.Ordinal); // canonical name → the spelling that asked for it
        foreach (var p in problems is { Count: > 0 } ? problems : ["neural:mnist-mlp"])
        {
            string canonical;
            try { canonical = ProblemCatalog.Resolve(p, ProblemCatalog.Names.Where(n => n.StartsWith("neural:", StringComparison.Ordinal))); }
            catch (ArgumentException ex)
            {
                // Renamed to this method's parameter: the catalogue's own " (Parameter 'name')" is not kept in the message.
                throw new ArgumentException(ArgumentMessages.Sentence(ex), nameof(problems), ex);
            }
            PaperExperiments.AskOnce(asked, canonical, p);
            if (canonical.EndsWith("-synthetic", StringComparison.Ordinal))
            {
                if (chosen.Contains(canonical)) continue;
                chosen.Add(canonical);
                notes.Add($"{canonical} is a SYNTHETIC stand-in (not the real data), as asked.");
                continue;
            }
            if (!Problems.Contains(canonical))
                throw new ArgumentException($"The neural experiment runs {string.Join(" and ", Problems)} (or their -synthetic stand-ins); got '{p}'.", nameof(problems));
            string name = canonical;
            if (DataSets.Missing(canonical, dataDirectory) is { } missing)
            {
                name = canonical + "-synthetic";
                notes.Add($"{canonical}: data not found ({missing}); replaced by the SYNTHETIC stand-in {name} (not the real data).");
            }
            if (!chosen.Contains(name)) chosen.Add(name);
        }
        var chosenMethods = methods is { Count: > 0 } ? methods : DefaultMethods;
        // F matters only to masked-adam, which trains dense for epochs − F epochs before it prunes and fine-tunes.
        if (chosenMethods.Contains(Method.MaskedAdam) && fineTuneEpochs > 0 && fineTuneEpochs >= epochs)
            throw new ArgumentOutOfRangeException(nameof(fineTuneEpochs), fineTuneEpochs,
                $"masked-adam trains dense for epochs − F epochs, then fine-tunes F: F must be in 0..{epochs - 1} with {epochs} epoch(s); got {fineTuneEpochs}.");
        var settings = overrides ?? [];
        if (settings.GroupBy(o => o.Key.TrimStart('-'), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"--option {twice.Key} is given {twice.Count()} times ({string.Join(", ", twice.Select(o => o.Value))}); give each parameter once.");
        // The hidden layers shape the MLP: a run without it must not take them silently.
        if (hiddenSizes is not null && !chosen.Any(c => c.StartsWith("neural:mnist-mlp", StringComparison.Ordinal)))
            throw new ArgumentException($"The hidden layer sizes apply to mnist-mlp, which this run does not include ({string.Join(", ", chosen)}).", nameof(hiddenSizes));
        if (hiddenSizes is not null) NeuralProblems.CheckMlpFits(hiddenSizes, batchSize); // before any run, not in a worker
        // The run's length is the plan's --epochs for every method; T and its fraction are one setting.
        if (settings.FirstOrDefault(o => o.Key.TrimStart('-') is "epochs" or "max-iter") is { Key: not null } length)
            throw new FormatException($"--option {length.Key}={length.Value}: every method of the run takes the run's epochs (--epochs, {epochs}); it is not a method option here.");
        foreach (var (name, value) in settings)
        {
            var users = chosenMethods.Where(m => m.FindParameter(name) is not null).ToArray();
            if (users.Length == 0)
                throw new FormatException($"--option {name}={value}: no method of the run ({string.Join(", ", chosenMethods.Select(m => m.Name))}) has the parameter --{name.TrimStart('-')}.");
            foreach (var m in users) m.ParseOptions([new(name, value)]); // checks the value now, not in a worker
        }
        var plan = new ExperimentPlan
        {
            Experiment = Family,
            Problems = chosen,
            Methods = chosenMethods,
            Seeds = Enumerable.Range(1, seeds).ToArray(),
            ProblemFactory = (name, seed) => Create(name, seed, dataDirectory, batchSize, hiddenSizes),
            Sigmas = Sigmas,
            Epochs = epochs,
            Jobs = jobs ?? Environment.ProcessorCount,
            FineTuneEpochs = fineTuneEpochs,
            MeasureStationarity = stationarity,
            Options = (method, problem) =>
            {
                var o = problem.OptionsFor(method);
                if (o is AdagradOptions a) o = a with { StepScale = StepScale };
                o = o with { Epochs = epochs, Evaluate = problem.Evaluate };
                var own = settings.Where(s => method.FindParameter(s.Key) is not null).ToArray();
                // A fraction of T given replaces the problem's T, as a T given would.
                if (own.Any(s => s.Key.TrimStart('-') == "relevant-fraction")) o = o.WithTargetRelevant(null);
                return own.Length == 0 ? o : method.ParseOptions(own, o);
            },
        };
        return new PaperPlan(plan, notes);
    }

    private static TestProblem Create(string name, int seed, string? dataDirectory, int batchSize, IReadOnlyList<int>? hidden)
    {
        bool synthetic = name.EndsWith("-synthetic", StringComparison.Ordinal);
        return name.StartsWith("neural:mnist-mlp", StringComparison.Ordinal)
            ? NeuralProblems.MnistMlp(seed, dataDirectory, batchSize, synthetic, hiddenSizes: hidden)
            : NeuralProblems.A9aLogistic(seed, dataDirectory, batchSize, synthetic);
    }
}
