namespace AgentRuntime.Host.Secrets;

/// <summary>
/// The secret values of an adapter's <c>envFile</c>. A value is secret when its key is a secret
/// name (<see cref="SecretNames"/>) or when the line just above it is the marker comment
/// <c># secret</c> (any case). Parsed as the plugins' env-file reader does (spec §4.4): <c>KEY=value</c>,
/// optional <c>export</c>, one pair of surrounding quotes stripped, <c>#</c> lines are comments.
/// </summary>
internal static class SecretEnvFile
{
    public const string Marker = "# secret";

    public static IEnumerable<string> Values(string? path, SecretNames names)
    {
        string text;
        try
        {
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return [];
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [];
        }

        return Parse(text, names);
    }

    public static List<string> Parse(string text, SecretNames names)
    {
        var values = new List<string>();
        var marked = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('#'))
            {
                marked = string.Equals(line, Marker, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(line.Replace(" ", "", StringComparison.Ordinal), "#secret", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var wasMarked = marked;
            marked = false;
            if (equals <= 0)
            {
                continue;
            }

            var key = StripExport(line[..equals].Trim()).Trim();
            if (key.Length > 0 && (wasMarked || names.IsSecret(key)))
            {
                values.Add(Unquote(line[(equals + 1)..].Trim()));
            }
        }

        return values;
    }

    private static string StripExport(string key) =>
        key.StartsWith("export", StringComparison.Ordinal) && key.Length > 6 && char.IsWhiteSpace(key[6]) ? key[6..] : key;

    private static string Unquote(string value) =>
        value.Length > 0 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\''))
            ? (value.Length >= 2 ? value[1..^1] : "")
            : value;
}
