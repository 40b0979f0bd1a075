using System.Globalization;
using System.Text;

namespace PrunAdag.Experiments;

/// <summary>
/// The long-format CSV of an experiment, one row per (problem, method, seed, σ):
/// <c>experiment,problem,method,seed,sigma,achieved_sparsity,rho,omega,accuracy,iterations,final_grad_norm,stop_reason,seconds</c>.
/// σ and the achieved sparsity are percentages; accuracy is a fraction (empty for least squares); stop_reason is the run's
/// <see cref="StopReason"/> (a run that diverged says NonFiniteGradient there, and its accuracies are those of its last iterate).
/// </summary>
public sealed class ExperimentCsv : IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "experiment,problem,method,seed,sigma,achieved_sparsity,rho,omega,accuracy,iterations,final_grad_norm,stop_reason,seconds";

    private readonly string _path, _partial;
    private readonly StreamWriter _writer;
    private bool _completed;

    /// <summary>
    /// Starts writing <paramref name="path"/>. Rows go to <c>path + ".partial"</c> as runs finish (flushed
    /// after each), so an interrupted experiment keeps what it had; <see cref="Complete"/> rewrites them
    /// in plan order to <paramref name="path"/> and removes the partial file.
    /// </summary>
    public ExperimentCsv(string path)
    {
        _path = Path.GetFullPath(path);
        _partial = _path + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _writer = new StreamWriter(_partial, append: false, new UTF8Encoding(false));
        _writer.Write(Header + "\n");
        _writer.Flush();
    }

    /// <summary>The file that holds rows while the experiment runs.</summary>
    public string PartialPath => _partial;

    /// <summary>Appends the rows of one run and flushes.</summary>
    public void Append(ExperimentRecord record)
    {
        foreach (var line in Rows(record)) _writer.Write(line + "\n");
        _writer.Flush();
    }

    /// <summary>Writes the final file atomically from the complete results (plan order) and deletes the partial file.</summary>
    public void Complete(ExperimentResults results)
    {
        _writer.Dispose();
        Write(_path, results.Records);
        File.Delete(_partial);
        _completed = true;
    }

    /// <summary>Writes a CSV of <paramref name="records"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public static void Write(string path, IEnumerable<ExperimentRecord> records)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in records)
            foreach (var line in Rows(r)) sb.Append(line).Append('\n');
        PrunAdag.IO.AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>The CSV rows of one record.</summary>
    public static IEnumerable<string> Rows(ExperimentRecord r)
    {
        foreach (var p in r.Profile.Points)
            yield return string.Join(',',
                Csv(r.Experiment), Csv(r.Problem), r.Method.Name, r.Seed.ToString(CultureInfo.InvariantCulture),
                Num(p.TargetSparsity * 100), Num(p.AchievedSparsity * 100), Num(p.Rho), Num(p.Omega),
                p.Accuracy is { } a ? Num(a) : "", r.Iterations.ToString(CultureInfo.InvariantCulture),
                Num(r.FinalGradientNorm), r.StopReason.ToString(), Num(r.Seconds));
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>Closes the partial file (kept on disk when <see cref="Complete"/> was not called).</summary>
    public void Dispose()
    {
        if (!_completed) _writer.Dispose();
    }
}
