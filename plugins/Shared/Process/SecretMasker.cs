using System.Text.Json.Nodes;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Knows the secret values of one attempt (or of one command) and replaces each occurrence of any
/// of them with <see cref="Mask"/>, the way CI systems mask secrets in logs. One class for the host
/// and the plugins (which link this folder): the host masks the values it knows, a plugin those it
/// resolves itself. Values are matched exactly (ordinal), longest first, so a secret that contains
/// another is masked whole. A value is accepted only when <see cref="SecretValueRule.IsMaskable"/>
/// holds (at least four characters, not a trivial word): masking every "1" or "ok" would wreck the
/// output and hide nothing. A multi-line value is also added line by line, so output streamed a
/// line at a time is masked too. Each accepted value brings its encoded forms
/// (<see cref="SecretEncodings"/>: JSON-escaped, base64, percent-encoded), none of which spans a
/// line, so a child that prints <c>base64 &lt;&lt;&lt; $TOKEN</c> is masked line by line as well.
/// Thread-safe: a plugin's output arrives on pipe threads while values are still being added.
/// </summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    public static SecretMasker None { get; } = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    /// <summary>The known values and their encoded forms, longest first.</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            lock (_gate)
            {
                return _ordered;
            }
        }
    }

    public SecretMasker Add(string? value)
    {
        if (value is null || ReferenceEquals(this, None))
        {
            return this;
        }

        lock (_gate)
        {
            var changed = false;
            foreach (var candidate in Expand(value).Where(SecretValueRule.IsMaskable))
            {
                foreach (var form in SecretEncodings.Forms(candidate).Where(SecretValueRule.IsMaskable))
                {
                    changed |= _values.Add(form);
                }
            }

            if (changed)
            {
                _ordered = [.. _values.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
            }
        }

        return this;
    }

    public SecretMasker AddRange(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }

        return this;
    }

    /// <summary>The text with every known value replaced; the same instance when nothing matched.</summary>
    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text;
        foreach (var value in Values)
        {
            if (result.Contains(value, StringComparison.Ordinal))
            {
                result = result.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return result;
    }

    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);

    /// <summary>A copy of <paramref name="node"/> with every string value (and property name) masked.</summary>
    public JsonNode? Apply(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, child) in obj)
                {
                    copy[Apply(name)] = Apply(child);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(Apply)]);
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = value.GetValue<string>();
                var masked = Apply(text);
                return ReferenceEquals(masked, text) ? value.DeepClone() : JsonValue.Create(masked);
            default:
                return node.DeepClone();
        }
    }

    public JsonObject? Apply(JsonObject? node) => node is null ? null : (JsonObject)Apply((JsonNode)node)!;

    private static IEnumerable<string> Expand(string value)
    {
        yield return value;
        if (value.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in value.Split('\n'))
            {
                yield return line.TrimEnd('\r');
            }
        }
    }
}
