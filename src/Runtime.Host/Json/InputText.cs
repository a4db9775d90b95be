using System.Text;

namespace AgentRuntime.Host.Json;

/// <summary>
/// Reads a file given to the host as input (a <c>--file</c>, a config or profile file): UTF-8 that
/// is not valid is refused instead of silently replaced, and a path that cannot name a file (empty,
/// a NUL) is refused before the file system sees it.
/// </summary>
internal static class InputText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why <paramref name="path"/> cannot name a file, or null when it can.</summary>
    public static string? PathProblem(string? path) => path switch
    {
        null or "" => "expected a file path, got an empty string",
        _ when path.Contains('\0', StringComparison.Ordinal) => "expected a file path, got text holding a NUL character",
        _ when string.IsNullOrWhiteSpace(path) => "expected a file path, got only whitespace",
        _ => null,
    };

    /// <summary>The text of the file at <paramref name="fullPath"/>.</summary>
    /// <exception cref="InputFileException">The file cannot be read, is a directory, or is not valid UTF-8; the message says which, without the path.</exception>
    public static string Read(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new InputFileException("is a directory, expected a file");
        }

        try
        {
            return File.ReadAllText(fullPath, StrictUtf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InputFileException($"is not valid UTF-8 (invalid byte sequence at byte {ex.Index})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputFileException($"cannot read the file ({OneLine(ex.Message)})", ex);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
