// prunAdag in a C# file-based app: no project, no notebook.
//   dotnet run quickstart.cs [OUTPUT_FOLDER]
// From a clone of the repository (package built from the checkout): bash eng/run-example.sh examples/quickstart.cs
#:package PrunAdag.Charts@0.1.0

using MathNet.Numerics.LinearAlgebra;
using PrunAdag;
using PrunAdag.Charts;
using PrunAdag.IO;
using PrunAdag.Problems;

string output = Path.GetFullPath(args.Length > 0 ? args[0] : ".");

// 1. A built-in problem of the paper: random least squares, class A2 (m = 100, n = 1000, T = 100).
var problem = ProblemCatalog.Create("random-ls:A2", seed: 1);
var v3 = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = problem.TargetRelevant, MaxIterations = 3000 })
    .Minimize(problem.Objective, problem.X0) with { ObjectiveName = problem.Name };
Console.WriteLine(v3);
Console.WriteLine(v3.PruningProfile(problem.Objective, [0.1, 0.3, 0.5]));
Console.WriteLine($"report: {v3.SaveHtml(Path.Combine(output, "quickstart-random-ls.html"))}");
// The whole run (solution, trace, options) as JSON; ResultFile.Load reads it back bit for bit.
string saved = Path.Combine(output, "quickstart-random-ls.json");
ResultFile.Save(saved, v3);
Console.WriteLine($"result: {saved}");
var back = ResultFile.Load(saved);
Console.WriteLine($"read back: {back.Method.Name}, {back.Iterations} iterations, the same x: {back.Solution.Equals(v3.Solution)}");

// 2. Your own objective, inline: f(x) = ½‖Ax − b‖² with a sparse solution; only the gradient is required.
var rng = new Random(1);
var A = Matrix<double>.Build.Dense(50, 200, (i, j) => rng.NextDouble() - 0.5);
var b = A * Vector<double>.Build.Dense(200, i => i % 10 == 0 ? 1.0 : 0.0);
var f = Objective.FromGradient(200,
    gradient: x => A.TransposeThisAndMultiply(A * x - b),
    value: x => 0.5 * (A * x - b).DotProduct(A * x - b),
    name: "½‖Ax − b‖²");
var x0 = Vector<double>.Build.Dense(200, 0.01);
var own = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 20, MaxIterations = 3000 }).Minimize(f, x0);
Console.WriteLine(own);
Console.WriteLine($"report: {own.SaveHtml(Path.Combine(output, "quickstart-own-objective.html"))}");
