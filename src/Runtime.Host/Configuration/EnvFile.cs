namespace AgentRuntime.Host.Configuration;

/// <summary>
/// The reference runtime's env-file format: <c>KEY=value</c> lines, <c>#</c> comments, an optional
/// <c>export</c> prefix, one pair of matching quotes stripped; no escapes, no interpolation.
/// A missing file is an empty map.
/// </summary>
internal static class EnvFile
{
    public static Dictionary<string, string> Load(string? path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return values;
        }

        return Parse(File.ReadAllText(path));
    }

    public static Dictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            if (key.StartsWith("export", StringComparison.Ordinal) && key.Length > 6 && char.IsWhiteSpace(key[6]))
            {
                key = key[6..].Trim();
            }

            if (key.Length == 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                value = value[1..^1];
            }

            values[key] = value;
        }

        return values;
    }
}
