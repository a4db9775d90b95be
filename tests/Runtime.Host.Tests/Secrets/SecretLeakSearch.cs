using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// Counts the planted values of <see cref="SecretLeakHarness"/> in every file under the state
/// directory (raw bytes: the SQLite file, its WAL, the JSONL log, audit files, bundles, snapshots),
/// in every cell of every table, and in every recorded response: each value as is, JSON-escaped,
/// percent-encoded, and base64 (found by decoding every base64-looking run at each of its four
/// offsets, so a value inside a longer encoded text such as a Basic header is found too).
/// A value of an input-borne source (<see cref="SecretLeakHarness.InputBorne"/>) is allowed in the
/// input rows (<see cref="SecretLeakHarness.InputCells"/>) only; those cells are counted apart, and
/// the database's raw pages, which hold them, are searched through its cells for these values.
/// </summary>
internal static partial class SecretLeakSearch
{
    public sealed record Result(Dictionary<string, List<string>> Leaks, int KeptInInputRows, int FilesSearched, long BytesSearched, int ResponsesSearched);

    public static Result Find(TestRuntime runtime, IReadOnlyList<(string Where, string Text)> responses)
    {
        var leaks = SecretLeakHarness.Planted.ToDictionary(p => p.Key, _ => new List<string>());
        var files = 0;
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(runtime.StateDir, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            files++;
            bytes += content.Length;
            var isDb = Path.GetFileName(file).StartsWith("runtime.db", StringComparison.Ordinal);
            foreach (var (source, count) in Count(Encoding.UTF8.GetString(content)))
            {
                if (count > 0 && !(isDb && SecretLeakHarness.InputBorne.Contains(source)))
                {
                    leaks[source].Add($"{count}x file {Path.GetRelativePath(runtime.Directory.Path, file)}");
                }
            }
        }

        var kept = 0;
        foreach (var table in TestDb.Query(runtime.DbPath, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r["name"]!))
        {
            foreach (var row in TestDb.Query(runtime.DbPath, $"SELECT * FROM \"{table}\""))
            {
                foreach (var (column, cell) in row)
                {
                    var text = cell switch { string s => s, byte[] b => Encoding.UTF8.GetString(b), _ => null };
                    foreach (var (source, count) in text is null ? [] : Count(text))
                    {
                        if (count == 0)
                        {
                            continue;
                        }

                        if (SecretLeakHarness.InputBorne.Contains(source) && SecretLeakHarness.InputCells.Contains($"{table}.{column}"))
                        {
                            kept++;
                        }
                        else
                        {
                            leaks[source].Add($"{count}x row {table}.{column}");
                        }
                    }
                }
            }
        }

        foreach (var (where, text) in responses)
        {
            foreach (var (source, count) in Count(text))
            {
                if (count > 0)
                {
                    leaks[source].Add($"{count}x response {where}");
                }
            }
        }

        return new Result(leaks, kept, files, bytes, responses.Count);
    }

    /// <summary>Occurrences of each planted value in <paramref name="text"/>, in any of the forms searched.</summary>
    public static Dictionary<string, int> Count(string text)
    {
        var decoded = Base64Runs(text);
        var counts = new Dictionary<string, int>();
        foreach (var (source, value) in SecretLeakHarness.Planted)
        {
            var forms = new HashSet<string>(StringComparer.Ordinal)
            {
                value,
                JsonEncodedText.Encode(value).ToString(),
                JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
                Uri.EscapeDataString(value),
            };
            var needle = Encoding.UTF8.GetBytes(value);
            counts[source] = forms.Sum(form => Occurrences(text, form)) + decoded.Count(run => run.AsSpan().IndexOf(needle) >= 0);
        }

        return counts;
    }

    /// <summary>The bytes every base64-looking run of the text decodes to, from each of its first four characters (standard and URL-safe alphabets).</summary>
    private static List<byte[]> Base64Runs(string text)
    {
        var decoded = new List<byte[]>();
        foreach (Match match in Base64Run().Matches(text))
        {
            var run = match.Value.TrimEnd('=').Replace('-', '+').Replace('_', '/');
            for (var offset = 0; offset < 4 && run.Length - offset >= 8; offset++)
            {
                var part = run[offset..];
                part = part[..(part.Length - (part.Length % 4))];
                var buffer = new byte[part.Length];
                if (Convert.TryFromBase64String(part, buffer, out var written))
                {
                    decoded.Add(buffer[..written]);
                }
            }
        }

        return decoded;
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{8,}={0,2}")]
    private static partial Regex Base64Run();
}
