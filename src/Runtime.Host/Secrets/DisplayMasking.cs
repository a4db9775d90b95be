using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Secrets;

/// <summary>
/// Masks a document the operator is shown or that is written for later reading (CLI output, API
/// responses, snapshots): the config's secret values (<see cref="SecretSources.ForConfig"/>) and the
/// secret values of the input documents it carries (<see cref="Inputs"/>). So a
/// workflow context, a sensor event payload, a schedule's task template or a task payload is shown
/// with <c>***</c> for its secrets, while the input row itself keeps them (the runtime needs them
/// to act on it).
/// </summary>
internal static class DisplayMasking
{
    public static JsonNode? Apply(JsonNode? document, RuntimeConfig config)
    {
        if (document is null)
        {
            return null;
        }

        var masker = SecretSources.ForConfig(config).AddRange(Inputs(document, SecretSources.Names(config)));
        return masker.Count == 0 ? document : masker.Apply(document);
    }

    public static JsonObject Apply(JsonObject document, RuntimeConfig config) => (JsonObject)Apply((JsonNode)document, config)!;

    /// <summary>
    /// The secret values (<see cref="SecretSources.Payload"/>) of the input documents a displayed document carries:
    /// task payloads, workflow contexts, sensor event payloads and schedule task templates, found under
    /// <c>payload</c>, <c>context</c> and <c>task</c>, and in their stored text (<c>payload_json</c>,
    /// <c>context_json</c>, <c>task_json</c>). The document's own fields are not searched: an
    /// <c>instance_key</c> or a <c>dedupe_key</c> names a record, it is not a secret.
    /// </summary>
    public static IEnumerable<string> Inputs(JsonNode? document, SecretNames names)
    {
        var values = new List<string>();
        FindInputs(document, names, values);
        return values;
    }

    private static void FindInputs(JsonNode? node, SecretNames names, List<string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var stored = child is JsonValue text && text.GetValueKind() == JsonValueKind.String ? Embedded(text.GetValue<string>()) : null;
                    switch (name)
                    {
                        case "payload" or "context" or "payload_json" or "context_json":
                            values.AddRange(SecretSources.Payload(stored ?? child, names));
                            break;
                        default:
                            FindInputs(stored ?? child, names, values);
                            break;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    FindInputs(child, names, values);
                }

                break;
        }
    }

    /// <summary>JSON stored as text inside a document (<c>context_json</c>, <c>task_json</c>, <c>payload_json</c>), parsed as the runtime reads it; null for any other text.</summary>
    private static JsonNode? Embedded(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }

        try
        {
            return JsJson.ParseStored(text);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
