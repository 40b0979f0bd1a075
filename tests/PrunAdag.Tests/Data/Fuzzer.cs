using System.Text;

namespace PrunAdag.Tests.Data;

/// <summary>
/// Seeded mutation fuzzing of a reader: each case mutates a small valid file (plain or gzip'd) and asserts that
/// the reader either succeeds or throws a <see cref="FormatException"/> naming the file — never another
/// exception type — and that one case allocates at most a few MB (no runaway allocation from hostile sizes).
/// </summary>
internal static class Fuzzer
{
    public sealed record Outcome(int Cases, int Accepted, int Rejected, IReadOnlyDictionary<string, int> ByMutation);

    private const long AllocationBudget = 32L << 20; // bytes per case; the seed files are < 1 KB

    public static Outcome Run(byte[] valid, Action<string> read, int cases, int seed, Func<Random, byte[], byte[]>? formatSpecific = null)
    {
        var rng = new Random(seed);
        using var tmp = new TempFiles();
        var path = Path.Combine(tmp.Folder, "fuzz.bin");
        var gz = TempFiles.Gzip(valid);
        int accepted = 0, rejected = 0;
        var byMutation = new SortedDictionary<string, int>();
        var failures = new List<string>();
        for (int c = 0; c < cases; c++)
        {
            // Half the cases mutate the raw bytes, a quarter mutate the raw bytes and then gzip them (so the
            // mutation reaches the parser through the gzip path), a quarter mutate the gzip'd bytes.
            int route = rng.Next(4);
            byte[] input = route == 3 ? gz : valid;
            // Format-specific mutations understand the raw format only, so they never see the gzip'd bytes.
            var (mutated, kind) = Mutate(rng, input, route == 3 ? null : formatSpecific);
            if (route == 2) mutated = TempFiles.Gzip(mutated);
            byMutation[kind] = byMutation.GetValueOrDefault(kind) + 1;
            File.WriteAllBytes(path, mutated);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                read(path);
                accepted++;
            }
            catch (FormatException e)
            {
                rejected++;
                if (!e.Message.Contains(path)) failures.Add($"case {c} ({kind}): message does not name the file: {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"case {c} ({kind}, route {route}): {e.GetType().Name}: {e.Message}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > AllocationBudget) failures.Add($"case {c} ({kind}): allocated {allocated} bytes");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} fuzz cases failed:\n" + string.Join("\n", failures.Take(20)));
        return new Outcome(cases, accepted, rejected, byMutation);
    }

    private static (byte[] Bytes, string Kind) Mutate(Random rng, byte[] input, Func<Random, byte[], byte[]>? formatSpecific)
    {
        var b = input.ToList();
        int kind = rng.Next(formatSpecific is null ? 7 : 8);
        switch (kind)
        {
            case 0: // 1–8 bit flips
                for (int k = rng.Next(1, 9); k > 0 && b.Count > 0; k--) { int i = rng.Next(b.Count); b[i] ^= (byte)(1 << rng.Next(8)); }
                return (b.ToArray(), "bit flips");
            case 1: // insert 1–8 random bytes
                for (int k = rng.Next(1, 9); k > 0; k--) b.Insert(rng.Next(b.Count + 1), (byte)rng.Next(256));
                return (b.ToArray(), "byte insertions");
            case 2: // delete 1–8 bytes
                for (int k = rng.Next(1, 9); k > 0 && b.Count > 0; k--) b.RemoveAt(rng.Next(b.Count));
                return (b.ToArray(), "byte deletions");
            case 3: // truncate anywhere (including to empty)
                return (input[..rng.Next(input.Length + 1)], "truncations");
            case 4: // overwrite a 4-byte window with a huge or extreme big-endian integer
            {
                int[] extremes = [int.MaxValue, -1, int.MinValue, 0x00ffffff, 0x10000000, 0];
                int v = extremes[rng.Next(extremes.Length)];
                int at = b.Count >= 4 ? rng.Next(b.Count - 3) : 0;
                for (int k = 0; k < 4 && at + k < b.Count; k++) b[at + k] = (byte)(v >> (24 - 8 * k));
                return (b.ToArray(), "huge integers");
            }
            case 5: // wrong magic: change the first bytes
            {
                for (int k = 0; k < Math.Min(4, b.Count); k++) b[k] = (byte)rng.Next(256);
                return (b.ToArray(), "wrong magic");
            }
            case 6: // insert a hostile text token (huge numbers, NaN, separators, control characters)
            {
                string[] tokens = ["99999999999:1", "2147483648:1", "1:1e999", "nan", "-inf", ":", "::", "1:", ":1", "\0", "\r", "\n\n", " 0:1", "1e308 ", "-0", "0x1f", "\u00e9", "1:1:1", "+", "--1"];
                var t = Encoding.UTF8.GetBytes(tokens[rng.Next(tokens.Length)]);
                b.InsertRange(rng.Next(b.Count + 1), t);
                return (b.ToArray(), "hostile tokens");
            }
            default:
                return (formatSpecific!(rng, input), "format-specific");
        }
    }
}
