using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Json;

/// <summary>
/// Serializes JSON exactly as JavaScript's <c>JSON.stringify</c> does (the reference runtime's
/// format): insertion order, minimal escaping, ECMAScript number formatting, and with
/// <c>pretty</c> the two-space layout of <c>JSON.stringify(x, null, 2)</c>.
/// </summary>
internal static class JsJson
{
    public static string Serialize(JsonNode? node, bool pretty = false)
    {
        var builder = new StringBuilder();
        Write(builder, node, pretty ? 0 : -1, sortKeys: false);
        return builder.ToString();
    }

    /// <summary>RFC 8785 canonical form: keys sorted by UTF-16 code units, no whitespace.</summary>
    public static string Canonicalize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node, -1, sortKeys: true);
        return builder.ToString();
    }

    /// <summary>
    /// Parses input given to the host (a flag, a file, a request body): strict JSON, where a key
    /// repeated in one object or a lone UTF-16 surrogate is refused with a <see cref="JsonException"/>
    /// naming it. Without this a duplicate key escaped later as an <see cref="ArgumentException"/>.
    /// </summary>
    /// <exception cref="JsonException">The text is not strict JSON.</exception>
    public static JsonNode? Parse(string text) => StrictJson.Parse(text);

    /// <summary>
    /// Parses JSON that is already stored (a database column, a state file): read the way
    /// JavaScript's <c>JSON.parse</c> reads it, so a repeated key keeps its first position and its
    /// last value, as the Bun runtime that may have written it sees it.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON at all.</exception>
    public static JsonNode? ParseStored(string text) => StrictJson.ParseLenient(text);

    private static void Write(StringBuilder builder, JsonNode? node, int depth, bool sortKeys)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth, sortKeys);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth, sortKeys);
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth, bool sortKeys)
    {
        IEnumerable<KeyValuePair<string, JsonNode?>> members = obj;
        if (sortKeys)
        {
            members = obj.OrderBy(pair => pair.Key, StringComparer.Ordinal);
        }

        // Compact output (depth -1) stays at -1 all the way down: no newline anywhere.
        var inner = depth >= 0 ? depth + 1 : -1;
        var any = false;
        builder.Append('{');
        foreach (var (key, value) in members)
        {
            builder.Append(any ? "," : "");
            NewLine(builder, inner);
            WriteString(builder, key);
            builder.Append(depth >= 0 ? ": " : ":");
            Write(builder, value, inner, sortKeys);
            any = true;
        }

        if (any)
        {
            NewLine(builder, depth);
        }

        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth, bool sortKeys)
    {
        var inner = depth >= 0 ? depth + 1 : -1;
        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            builder.Append(i > 0 ? "," : "");
            NewLine(builder, inner);
            Write(builder, array[i], inner, sortKeys);
        }

        if (array.Count > 0)
        {
            NewLine(builder, depth);
        }

        builder.Append(']');
    }

    private static void NewLine(StringBuilder builder, int depth)
    {
        if (depth < 0)
        {
            return;
        }

        builder.Append('\n').Append(' ', depth * 2);
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(builder, element.GetString()!);
                    return;
                case JsonValueKind.Number:
                    builder.Append(FormatNumber(element.GetDouble()));
                    return;
                case JsonValueKind.True:
                    builder.Append("true");
                    return;
                case JsonValueKind.False:
                    builder.Append("false");
                    return;
                default:
                    builder.Append("null");
                    return;
            }
        }

        if (value.TryGetValue<string>(out var s))
        {
            WriteString(builder, s);
        }
        else if (value.TryGetValue<bool>(out var b))
        {
            builder.Append(b ? "true" : "false");
        }
        else if (value.TryGetValue<long>(out var l))
        {
            builder.Append(FormatNumber(l));
        }
        else if (value.TryGetValue<int>(out var i))
        {
            builder.Append(i.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<double>(out var d))
        {
            builder.Append(FormatNumber(d));
        }
        else if (value.TryGetValue<decimal>(out var m))
        {
            builder.Append(FormatNumber((double)m));
        }
        else
        {
            // Any other CLR value (float, short, ...) goes through its JSON form.
            using var doc = JsonDocument.Parse(value.ToJsonString());
            WriteValue(builder, JsonValue.Create(doc.RootElement.Clone())!);
        }
    }

    internal static void WriteString(StringBuilder builder, string text) => JsString.Write(builder, text);

    /// <summary>ECMAScript Number::toString for finite values; non-finite numbers serialize as <c>null</c> as in JSON.stringify.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null";
        }

        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentIndex = roundTrip.IndexOfAny(['E', 'e']);
        var exponent = 0;
        var mantissa = roundTrip;
        if (exponentIndex >= 0)
        {
            exponent = int.Parse(roundTrip.AsSpan(exponentIndex + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = roundTrip[..exponentIndex];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fractionPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var digits = integerPart + fractionPart;
        var pointPosition = integerPart.Length + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        pointPosition -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var k = digits.Length;
        var n = pointPosition;
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits, 1, k - 1);
            }

            var e = n - 1;
            builder.Append('e').Append(e >= 0 ? "+" : "-").Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
