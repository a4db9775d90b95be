using System.Globalization;
using System.Text;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// A string literal exactly as JavaScript's <c>JSON.stringify</c> writes one (the codex driver's
/// <c>-c key="value"</c> overrides, spec §6.3): only <c>"</c>, <c>\</c> and control characters are
/// escaped, with the short escapes and lower-case <c>\u00xx</c>; non-ASCII, emoji included, is
/// written as is; a lone surrogate is escaped. Whole JSON documents are not written here: the host
/// supplies the payload's text (<c>TaskSnapshot.PayloadJson</c>). The host's JSON.stringify writer
/// compiles this same file, so host and plugins quote strings with one piece of code.
/// </summary>
internal static class JsString
{
    public static string Quote(string value) => Write(new StringBuilder(value.Length + 2), value).ToString();

    /// <summary>Appends <paramref name="value"/> as a JSON.stringify string literal; returns <paramref name="builder"/>.</summary>
    public static StringBuilder Write(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(value, i))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"');
    }

    private static bool IsLoneSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
        : char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
}
