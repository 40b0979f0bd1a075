// The paper's comparison on one problem, as a file-based app: V1–V4, Adagrad, FW1 and FW2 on random least
// squares A2, their pruning profiles, one HTML report (Fig. 4, Fig. 2, ρ and ω per σ) and the long-form CSV.
//   dotnet run compare-methods.cs [OUTPUT_FOLDER]
// From a clone of the repository: bash eng/run-example.sh examples/compare-methods.cs
#:package PrunAdag.Charts@0.1.0

using PrunAdag;
using PrunAdag.Charts;
using PrunAdag.Problems;

string output = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
var problem = ProblemCatalog.Create("random-ls:A2", seed: 1);
const int iterations = 1000;
// The paper's seven methods, each with its paper defaults and this problem's T (problem.OptionsFor).
var runs = Method.PaperComparison.Select(m => Minimizer.Create(m, problem.OptionsFor(m) with { MaxIterations = iterations }).Minimize(problem.Objective, problem.X0) with { ObjectiveName = problem.Name }).ToArray();
var profiles = runs.Select(r => r.PruningProfile(problem.Objective, Pruning.PaperSigmas)).ToArray();
var comparison = new Comparison(runs, profiles, $"{problem.Name}, seed 1, {iterations} iterations");

foreach (var r in runs) Console.WriteLine(r);
Console.WriteLine($"report: {comparison.SaveHtml(Path.Combine(output, "compare-methods.html"))}");
Console.WriteLine($"csv: {comparison.SavePruningCsv(Path.Combine(output, "compare-methods-pruning.csv"))}");
