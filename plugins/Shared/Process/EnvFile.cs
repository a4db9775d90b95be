namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// The env-file parser of spec §4.4, used for adapter <c>envFile</c>s and the credential password
/// file. Plugins cannot use host code, so this is a deliberate small copy.
/// </summary>
internal static class EnvFile
{
    /// <summary>Reads <paramref name="path"/>; a missing file is an empty map, not an error.</summary>
    public static OrderedDictionary<string, string> Read(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return new OrderedDictionary<string, string>(StringComparer.Ordinal);
        }

        return Parse(File.ReadAllText(path));
    }

    public static OrderedDictionary<string, string> Parse(string text)
    {
        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = StripExport(line[..equals].Trim()).Trim();
            if (key.Length == 0)
            {
                continue;
            }

            map[key] = Unquote(line[(equals + 1)..].Trim());
        }

        return map;
    }

    private static string StripExport(string key)
    {
        if (key.StartsWith("export", StringComparison.Ordinal) && key.Length > 6 && char.IsWhiteSpace(key[6]))
        {
            return key[6..];
        }

        return key;
    }

    private static string Unquote(string value)
    {
        // Like the reference's startsWith/endsWith + slice(1, -1): a lone quote becomes empty.
        if (value.Length > 0 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            return value.Length >= 2 ? value[1..^1] : "";
        }

        return value;
    }
}
