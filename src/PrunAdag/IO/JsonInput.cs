using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.IO;

/// <summary>
/// Strict reading of the JSON file formats: every failure becomes a one-line <see cref="FormatException"/>
/// that starts with the file's name and names the field (and row/index) at fault, so a user can fix
/// the file without a debugger and the CLI can print the message as is.
/// </summary>
internal sealed class JsonInput
{
    private readonly string _source;
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _names = []; // in the file's order

    private JsonInput(string source, JsonElement root)
    {
        _source = source;
        if (root.ValueKind != JsonValueKind.Object)
            throw Error($"the top level is a JSON {Describe(root.ValueKind)}; expected an object {{...}}");
        foreach (var p in root.EnumerateObject())
        {
            if (!_fields.TryAdd(p.Name, p.Value))
                throw Error($"field \"{p.Name}\" appears more than once");
            _names.Add(p.Name);
        }
    }

    /// <summary>Reads and parses a whole file, hands it to <paramref name="read"/> and disposes the document.</summary>
    public static T Load<T>(string path, Func<JsonInput, T> read)
    {
        var (doc, input) = Open(path);
        using (doc) return read(input);
    }

    /// <summary>Parses JSON text, hands it to <paramref name="read"/> and disposes the document.</summary>
    public static T Load<T>(string json, string source, Func<JsonInput, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (doc, input) = Parse(Encoding.UTF8.GetBytes(json), source);
        using (doc) return read(input);
    }

    /// <summary>Reads and parses a whole file; the document must be disposed by the caller.</summary>
    public static (JsonDocument Document, JsonInput Input) Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) throw new IOException($"{path}: is a folder, not a file.");
        byte[] bytes;
        try { bytes = ReadBounded(path); }
        catch (FileNotFoundException) { throw new FileNotFoundException($"{path}: file not found.", path); }
        catch (DirectoryNotFoundException) { throw new FileNotFoundException($"{path}: file not found (the folder does not exist).", path); }
        return Parse(bytes, path);
    }

    /// <summary>
    /// The whole file. A file whose size is not known in advance (a pipe, a device such as /dev/zero) is read up to the
    /// data files' cap and refused beyond it, so an endless one is an error, not an exhausted memory.
    /// </summary>
    private static byte[] ReadBounded(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (file.CanSeek && file.Length > 0)
        {
            if (file.Length > Array.MaxLength) throw new FormatException($"{path}: the file has {file.Length} bytes, more than a JSON file read whole can hold ({Array.MaxLength}).");
            var whole = new byte[file.Length];
            file.ReadExactly(whole);
            return whole;
        }
        long cap = Data.DataFile.DefaultMaxBytes;
        using var read = new MemoryStream();
        var buffer = new byte[1 << 16];
        for (int got; (got = file.Read(buffer)) > 0;)
        {
            if (read.Length + got > cap) throw new FormatException($"{path}: more than {cap} bytes and no end in sight (not a regular file, so its size is not known); give a problem file.");
            read.Write(buffer, 0, got);
        }
        return read.ToArray();
    }

    /// <summary>
    /// Parses UTF-8 JSON; <paramref name="source"/> names it in messages. A UTF-8 byte-order mark at the start is
    /// skipped (byte offsets in messages still count it). A string or key holding a lone UTF-16 surrogate escape
    /// (<c>"\ud800"</c> alone) is a <see cref="FormatException"/> with its byte offset: it encodes no character.
    /// </summary>
    public static (JsonDocument Document, JsonInput Input) Parse(ReadOnlyMemory<byte> utf8Json, string source)
    {
        int bom = utf8Json.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        utf8Json = utf8Json[bom..];
        // The JSON parser accepts invalid UTF-8 inside strings and fails only when a string is read, with an
        // InvalidOperationException: reject such files up front, naming the first bad byte.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
            throw new FormatException($"{source}: not valid UTF-8 text (first invalid byte at offset {bom + FirstInvalidUtf8(utf8Json.Span)}).");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, new JsonDocumentOptions
            {
                AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth,
            });
        }
        catch (JsonException ex)
        {
            // JsonException positions are 0-based; editors count lines and columns from 1 (and see the BOM on line 1).
            long line = (ex.LineNumber ?? 0) + 1, col = (ex.BytePositionInLine ?? 0) + 1 + (ex.LineNumber is null or 0 ? bom : 0);
            throw new FormatException($"{source}: malformed JSON at line {line}, byte {col}: {FirstSentence(ex.Message)}", ex);
        }
        try
        {
            // Like invalid UTF-8, a lone surrogate escape passes the parser and fails only when the string is read.
            if (utf8Json.Span.IndexOf("\\u"u8) >= 0) RejectLoneSurrogates(utf8Json.Span, source, bom);
            return (doc, new JsonInput(source, doc.RootElement));
        }
        catch { doc.Dispose(); throw; }
    }

    private const int MaxDepth = 16;

    /// <summary>Finds the first string or key (in syntactically valid JSON) whose escapes leave a lone surrogate.</summary>
    private static void RejectLoneSurrogates(ReadOnlySpan<byte> json, string source, int bom)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            int escape = LoneSurrogateEscape(reader.ValueSpan);
            if (escape < 0) continue;
            long offset = bom + reader.TokenStartIndex + 1 + escape; // + 1: the opening quote
            var before = json[..(int)(offset - bom)];
            int line = before.Count((byte)'\n') + 1;
            long col = offset - (before.LastIndexOf((byte)'\n') is var nl and >= 0 ? bom + nl + 1 : 0) + 1;
            string what = reader.TokenType == JsonTokenType.PropertyName ? "a key" : "a string value";
            string escapeText = System.Text.Encoding.ASCII.GetString(reader.ValueSpan.Slice(escape, 6));
            throw new FormatException($"{source}: byte offset {offset} (line {line}, byte {col}): {what} holds the lone UTF-16 surrogate escape {escapeText}, which encodes no character.");
        }
    }

    /// <summary>The index of the first <c>\uXXXX</c> escape in a raw JSON string that is an unpaired surrogate, or −1.</summary>
    private static int LoneSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\') continue;
            if (raw[i + 1] != (byte)'u') { i++; continue; } // a one-character escape (\n, \", \\ ...)
            int unit = Hex4(raw.Slice(i + 2, 4));
            if (unit is >= 0xDC00 and <= 0xDFFF) return i; // a low surrogate with no high one before it
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                bool paired = i + 12 <= raw.Length && raw[i + 6] == (byte)'\\' && raw[i + 7] == (byte)'u'
                              && Hex4(raw.Slice(i + 8, 4)) is >= 0xDC00 and <= 0xDFFF;
                if (!paired) return i;
                i += 11;
                continue;
            }
            i += 5;
        }
        return -1;
    }

    private static int Hex4(ReadOnlySpan<byte> hex) =>
        int.Parse(System.Text.Encoding.ASCII.GetString(hex), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int used) != System.Buffers.OperationStatus.Done) return i;
            i += used;
        }
        return i;
    }

    public string Source => _source;

    public FormatException Error(string what) => new($"{_source}: {what}.");

    public bool Has(string name) => _fields.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null;

    public JsonElement Required(string name) =>
        _fields.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : throw Error($"missing field \"{name}\"");

    public JsonElement? Optional(string name) =>
        _fields.TryGetValue(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : null;

    public string RequiredString(string name)
    {
        var e = Required(name);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error($"field \"{name}\" is a {Describe(e.ValueKind)}; expected a string");
    }

    public int RequiredInt(string name, int min) => Int(Required(name), $"field \"{name}\"", min);

    public int Int(JsonElement e, string where, int min)
    {
        if (e.ValueKind != JsonValueKind.Number)
            throw Error($"{where} is a {Describe(e.ValueKind)}; expected an integer");
        if (!e.TryGetInt32(out int v))
            throw Error($"{where} = {e.GetRawText()} is not an integer in the range of a 32-bit int");
        if (v < min) throw Error($"{where} = {v} must be ≥ {min}");
        return v;
    }

    /// <summary>
    /// A number. With <paramref name="allowNonFinite"/>, the strings "NaN", "Infinity" and "-Infinity"
    /// (what the writers emit for non-finite values) are accepted; otherwise they are errors naming <paramref name="where"/>.
    /// </summary>
    public double Number(JsonElement e, string where, bool allowNonFinite)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                // A literal like 1e400 overflows to ±∞ (some runtimes make TryGetDouble fail on it, others return ∞).
                bool parsed = e.TryGetDouble(out double v);
                if (parsed && double.IsFinite(v)) return v;
                if (allowNonFinite) return e.GetRawText().TrimStart().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                throw Error($"{where} = {e.GetRawText()} is not finite (it overflows a double)");
            case JsonValueKind.String:
                string s = e.GetString()!;
                double named = s switch
                {
                    "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity,
                    _ => throw Error($"{where} is the string \"{Truncate(s)}\"; expected a number"),
                };
                if (allowNonFinite) return named;
                throw Error($"{where} is not finite ({s})");
            default:
                throw Error($"{where} is a {Describe(e.ValueKind)}; expected a number");
        }
    }

    public double RequiredNumber(string name, bool allowNonFinite) => Number(Required(name), $"field \"{name}\"", allowNonFinite);

    /// <summary>An array of numbers; <paramref name="expectedLength"/> (when given) names <paramref name="lengthRule"/> in the error.</summary>
    public double[] Vector(string name, bool allowNonFinite, int? expectedLength = null, string? lengthRule = null)
    {
        var e = Required(name);
        if (e.ValueKind != JsonValueKind.Array)
            throw Error($"field \"{name}\" is a {Describe(e.ValueKind)}; expected an array of numbers");
        int len = e.GetArrayLength();
        if (expectedLength is { } want && len != want)
            throw Error($"field \"{name}\" has {len} entries; expected {want} ({lengthRule})");
        var result = new double[len];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i] = Number(item, $"field \"{name}\", index {i}", allowNonFinite);
            i++;
        }
        return result;
    }

    /// <summary>An array of integers ≥ <paramref name="min"/>; with exactly <paramref name="expectedLength"/> entries when that is given.</summary>
    public int[] IntVector(string name, int min, int? expectedLength = null, string? lengthRule = null)
    {
        var e = Required(name);
        if (e.ValueKind != JsonValueKind.Array)
            throw Error($"field \"{name}\" is a {Describe(e.ValueKind)}; expected an array of integers");
        int len = e.GetArrayLength();
        if (expectedLength is { } want && len != want)
            throw Error($"field \"{name}\" has {len} entries; expected {want} ({lengthRule})");
        var result = new int[len];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            result[i] = Int(item, $"field \"{name}\", index {i}", min);
            i++;
        }
        return result;
    }

    /// <summary>A non-empty rectangular array of arrays of finite numbers (one inner array per row).</summary>
    public Matrix<double> Matrix(string name)
    {
        var e = Required(name);
        if (e.ValueKind != JsonValueKind.Array)
            throw Error($"field \"{name}\" is a {Describe(e.ValueKind)}; expected an array of rows");
        int m = e.GetArrayLength();
        if (m == 0) throw Error($"field \"{name}\" has no rows");
        int n = -1, r = 0;
        double[]? data = null; // column-major, as MathNet stores dense matrices
        foreach (var row in e.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
                throw Error($"field \"{name}\", row {r} is a {Describe(row.ValueKind)}; expected an array of numbers");
            int len = row.GetArrayLength();
            if (r == 0)
            {
                if (len == 0) throw Error($"field \"{name}\", row 0 is empty");
                n = len;
                data = new double[(long)m * n];
            }
            else if (len != n)
                throw Error($"field \"{name}\", row {r} has {len} entries; row 0 has {n}");
            int c = 0;
            foreach (var item in row.EnumerateArray())
            {
                data![(long)c * m + r] = Number(item, $"field \"{name}\", row {r}, column {c}", allowNonFinite: false);
                c++;
            }
            r++;
        }
        return Matrix<double>.Build.Dense(m, n, data!);
    }

    /// <summary>The object's field names, in the order the text gives them.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>An array of objects, each as its own reader (messages name the field and the index).</summary>
    public JsonInput[] ObjectArray(string name)
    {
        var e = Required(name);
        if (e.ValueKind != JsonValueKind.Array)
            throw Error($"field \"{name}\" is a {Describe(e.ValueKind)}; expected an array of objects");
        var result = new JsonInput[e.GetArrayLength()];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw Error($"field \"{name}\", index {i} is a {Describe(item.ValueKind)}; expected an object");
            result[i] = new JsonInput($"{_source}: field \"{name}\", index {i}", item);
            i++;
        }
        return result;
    }

    /// <summary>The object under <paramref name="name"/> as its own reader (same source name in messages).</summary>
    public JsonInput? OptionalObject(string name)
    {
        if (Optional(name) is not { } e) return null;
        if (e.ValueKind != JsonValueKind.Object)
            throw Error($"field \"{name}\" is a {Describe(e.ValueKind)}; expected an object");
        return new JsonInput($"{_source}: field \"{name}\"", e);
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object", JsonValueKind.Array => "array", JsonValueKind.String => "string",
        JsonValueKind.Number => "number", JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null", _ => kind.ToString(),
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "LineNumber: … | BytePositionInLine: …." which we already report.
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string s = cut > 0 ? message[..cut] : message;
        return s.Replace('\r', ' ').Replace('\n', ' ').Trim().TrimEnd('.');
    }
}
