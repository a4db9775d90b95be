using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// The forms a secret value takes when a child (or a library) encodes it before printing: the value
/// itself; JSON-escaped (as System.Text.Json writes it by default and relaxed, as JSON.stringify
/// writes it, and ASCII-only with lower- or upper-case <c>\u</c> hex as Python's json does);
/// percent-encoded (RFC 3986 and form encoding, upper- and lower-case hex); and base64, standard and
/// URL-safe, at each of the three byte alignments the value can have inside a longer encoded text
/// (as <c>user:TOKEN</c> in a Basic header), keeping only the characters the value alone decides:
/// what GitHub Actions masks for a registered secret. Base64 longer than a line of
/// <c>base64(1)</c>'s 76 columns also brings each wrapped line.
/// </summary>
internal static class SecretEncodings
{
    private const int WrapColumns = 76;

    public static IEnumerable<string> Forms(string value)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal) { value };
        forms.Add(SystemTextJson(value, JavaScriptEncoder.Default));
        forms.Add(SystemTextJson(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        forms.Add(JsonEscape(value, asciiOnly: false, lowerHex: true));
        forms.Add(JsonEscape(value, asciiOnly: true, lowerHex: true));
        forms.Add(JsonEscape(value, asciiOnly: true, lowerHex: false));

        foreach (var encoded in new[] { Uri.EscapeDataString(value), WebUtility.UrlEncode(value) })
        {
            forms.Add(encoded);
            forms.Add(LowerPercentHex(encoded));
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        for (var shift = 0; shift < 3; shift++)
        {
            var aligned = Base64At(bytes, shift);
            forms.Add(aligned);
            forms.Add(aligned.Replace('+', '-').Replace('/', '_'));
        }

        var whole = Base64At(bytes, 0);
        for (var start = 0; whole.Length > WrapColumns && start < whole.Length; start += WrapColumns)
        {
            forms.Add(whole.Substring(start, Math.Min(WrapColumns, whole.Length - start)));
        }

        return forms;
    }

    /// <summary>
    /// The base64 characters <paramref name="bytes"/> alone decide when they start <paramref name="shift"/>
    /// bytes into a 3-byte group: the leading characters shared with the bytes before and the last
    /// character shared with the bytes after (and the padding) are left out.
    /// </summary>
    private static string Base64At(byte[] bytes, int shift)
    {
        var padded = new byte[shift + bytes.Length];
        bytes.CopyTo(padded, shift);
        var text = Convert.ToBase64String(padded).TrimEnd('=');
        var skip = shift == 0 ? 0 : shift + 1;
        var trailing = (shift + bytes.Length) % 3 == 0 ? 0 : 1;
        return text.Length > skip + trailing ? text[skip..^trailing] : "";
    }

    /// <summary>The value as System.Text.Json escapes it; the value itself if it is not valid UTF-16 (a lone surrogate), which that encoder refuses.</summary>
    private static string SystemTextJson(string value, JavaScriptEncoder encoder)
    {
        try
        {
            return JsonEncodedText.Encode(value, encoder).ToString();
        }
        catch (ArgumentException)
        {
            return value;
        }
    }

    private static string JsonEscape(string value, bool asciiOnly, bool lowerHex)
    {
        var builder = new StringBuilder(value.Length + 8);
        var hex = lowerHex ? "x4" : "X4";
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || (asciiOnly && c > '~'))
                    {
                        builder.Append("\\u").Append(((int)c).ToString(hex, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static string LowerPercentHex(string encoded)
    {
        var chars = encoded.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] == '%')
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
            }
        }

        return new string(chars);
    }
}
