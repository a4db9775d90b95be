namespace AgentRuntime.Host.Dispatch.Text;

/// <summary>
/// String operations with JavaScript semantics, for texts that end up in prompts, outcomes and
/// hashes. .NET's <see cref="string.Trim()"/> and regex <c>\s</c> use a slightly different
/// whitespace set (U+0085 yes, U+FEFF no), so the reference runtime's set is spelled out here.
/// </summary>
internal static class JsText
{
    /// <summary>The characters JavaScript's <c>\s</c> and <c>String.prototype.trim</c> treat as whitespace, as a regex class body.</summary>
    public const string WhitespaceClass = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    /// <summary>JavaScript <c>\s</c> as a regex class.</summary>
    public const string S = "[" + WhitespaceClass + "]";

    /// <summary>JavaScript <c>\b</c> (ASCII word characters only).</summary>
    public const string B = "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))";

    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    public static string Trim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsWhitespace(value[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    /// <summary><c>typeof v === "string" &amp;&amp; v.trim().length &gt; 0</c>.</summary>
    public static bool IsNonBlank(string? value) => value is not null && Trim(value).Length > 0;

    /// <summary><c>value.slice(0, length)</c> in UTF-16 code units (negative counts from the end, as in JavaScript).</summary>
    public static string Slice(string value, int length)
    {
        var end = length < 0 ? Math.Max(0, value.Length + length) : Math.Min(length, value.Length);
        return value[..end];
    }
}
