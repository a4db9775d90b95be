using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Masks the values a plugin alone knows to be secret (credentials it resolved from
/// <c>*_CREDENTIAL</c> references) in what it forwards to the host and returns, as the host masks
/// the values it knows. Same rule as the host's masker (plugins cannot use host code): values of at
/// least four characters, longest first, each occurrence replaced by <c>***</c>; a multi-line value
/// line by line as well.
/// </summary>
internal sealed class OutputMasker
{
    public const string Mask = "***";
    private const int MinimumLength = 4;

    private readonly string[] _values;

    public OutputMasker(IEnumerable<string> values)
    {
        _values = [.. values
            .SelectMany(v => v.Contains('\n', StringComparison.Ordinal) ? [v, .. v.Split('\n').Select(l => l.TrimEnd('\r'))] : new[] { v })
            .Where(v => v.Length >= MinimumLength && !string.IsNullOrWhiteSpace(v))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    public static OutputMasker None { get; } = new([]);

    public bool IsEmpty => _values.Length == 0;

    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The result with its texts and diagnostics masked (a last message read from a file the CLI wrote, for one).</summary>
    public ExecutionResult Apply(ExecutionResult result) => IsEmpty ? result : result with
    {
        RawOutput = Apply(result.RawOutput),
        Stdout = Apply(result.Stdout),
        Stderr = Apply(result.Stderr),
        LastMessage = Apply(result.LastMessage),
        Diagnostics = Apply(result.Diagnostics) as JsonObject,
        Usage = Apply(result.Usage) as JsonObject,
    };

    private JsonNode? Apply(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Apply(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Apply)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Apply(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };
}
