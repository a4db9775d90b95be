using System.Collections.Frozen;

namespace AgentRuntime.Host.Web;

/// <summary>
/// The operator UI's files, embedded in the host assembly from <c>Web/ui/</c> (manifest names
/// <c>ui/&lt;relative path&gt;</c>), so a published or AOT binary carries them. A request names a
/// file only by an exact manifest key, so no request path can reach outside the folder.
/// </summary>
internal sealed class EmbeddedUi
{
    private const string Prefix = "ui/";

    private readonly FrozenDictionary<string, byte[]> _files;

    private EmbeddedUi(FrozenDictionary<string, byte[]> files) => _files = files;

    public static EmbeddedUi Load()
    {
        var assembly = typeof(EmbeddedUi).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[name[Prefix.Length..]] = buffer.ToArray();
        }

        return new EmbeddedUi(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The file at <paramref name="relativePath"/> (forward slashes, no leading slash), or null.</summary>
    public byte[]? Find(string relativePath) => _files.GetValueOrDefault(relativePath);

    /// <summary>The content type of the spec's MIME table (§2.2) for <paramref name="path"/>.</summary>
    public static string ContentType(string path, string fallback = "application/octet-stream") =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".js" => "application/javascript; charset=utf-8",
            ".json" => "application/json; charset=utf-8",
            ".md" => "text/markdown; charset=utf-8",
            ".txt" => "text/plain; charset=utf-8",
            ".woff" => "font/woff",
            ".woff2" => "font/woff2",
            ".ttf" => "font/ttf",
            _ => fallback,
        };
}
