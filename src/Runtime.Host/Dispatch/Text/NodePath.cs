namespace AgentRuntime.Host.Dispatch.Text;

/// <summary>
/// Node's <c>path.posix.join</c>/<c>normalize</c>, used where a joined path is shown to a model or
/// written into a record and must read exactly as the reference runtime wrote it.
/// </summary>
internal static class NodePath
{
    public static string Join(params string[] parts)
    {
        var joined = string.Join('/', parts.Where(p => p.Length > 0));
        return joined.Length == 0 ? "." : Normalize(joined);
    }

    public static string Normalize(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var absolute = path[0] == '/';
        var trailing = path[^1] == '/';
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0 && segments[^1] != "..")
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                else if (!absolute)
                {
                    segments.Add(segment);
                }

                continue;
            }

            segments.Add(segment);
        }

        var body = string.Join('/', segments);
        if (body.Length == 0)
        {
            return absolute ? "/" : (trailing ? "./" : ".");
        }

        return (absolute ? "/" : "") + body + (trailing ? "/" : "");
    }
}
