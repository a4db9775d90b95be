using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Turns a valid input into invalid bytes by one defect: a wrong field, a repeated key, broken JSON, a bad encoding, too deep, too big.</summary>
internal sealed class Mutator(Random random)
{
    private const string Marker = "zzmarkerzz";

    /// <summary>Mutations that keep the text decodable and refused by any reader of this host.</summary>
    public static readonly string[] Strict = ["duplicate-key", "lone-surrogate-escape"];

    /// <summary>Every mutation; <c>invalid-utf8</c> and <c>raw-lone-surrogate</c> depend on the channel (bytes or a .NET string).</summary>
    public static readonly string[] All =
        ["wrong-field", "wrong-field", "wrong-field", "wrong-field", "duplicate-key", "duplicate-key", "truncate", "lone-surrogate-escape",
         "invalid-utf8", "non-object", "trailing", "comment", "trailing-comma", "deep-nesting", "raw-lone-surrogate", "oversize"];

    public string Pick(HostileSeed seed, bool bytesChannel)
    {
        ArgumentNullException.ThrowIfNull(seed);
        while (true)
        {
            var mutation = seed.LenientBody ? Strict[random.Next(Strict.Length)] : All[random.Next(All.Length)];
            var fits = mutation switch
            {
                "wrong-field" => seed.Fields.Count > 0,
                "invalid-utf8" => bytesChannel,
                "raw-lone-surrogate" => !bytesChannel,
                "oversize" => seed.OversizePath is not null && random.Next(8) == 0,
                _ => true,
            };
            if (fits)
            {
                return mutation;
            }
        }
    }

    /// <summary>The mutated text as UTF-16 (what a <c>--json</c> flag carries); null for a mutation that only bytes can carry.</summary>
    public (string Detail, string Text) Text(HostileSeed seed, string mutation, int oversizeBytes)
    {
        var (detail, bytes, text) = Apply(seed, mutation, oversizeBytes);
        return (detail, text ?? Encoding.UTF8.GetString(bytes!));
    }

    /// <summary>The mutated input as bytes (a file, a request body).</summary>
    public (string Detail, byte[] Bytes) Bytes(HostileSeed seed, string mutation, int oversizeBytes)
    {
        var (detail, bytes, text) = Apply(seed, mutation, oversizeBytes);
        return (detail, bytes ?? Encoding.UTF8.GetBytes(text!));
    }

    private (string Detail, byte[]? Bytes, string? Text) Apply(HostileSeed seed, string mutation, int oversizeBytes)
    {
        var root = (JsonObject)seed.Valid.DeepClone();
        switch (mutation)
        {
            case "wrong-field":
                var field = seed.Fields[random.Next(seed.Fields.Count)];
                var wrong = field.Wrong[random.Next(field.Wrong.Count)];
                field.Set(root, wrong?.DeepClone());
                return ($"{field.Path} = {(wrong is null ? "null" : JsJson.Serialize(wrong))}", null, JsJson.Serialize(root));
            case "duplicate-key":
                var owner = Pick(Objects(root).Where(o => o.Count > 0).ToList());
                var key = owner.ElementAt(random.Next(owner.Count)).Key;
                owner[Marker] = 0;
                var value = random.Next(2) == 0 ? JsJson.Serialize(owner[key]) : "\"other\"";
                return ($"\"{key}\" twice", null, JsJson.Serialize(root).Replace($"\"{Marker}\":0", $"\"{key}\":{value}", StringComparison.Ordinal));
            case "truncate":
                var full = JsJson.Serialize(root);
                var cut = random.Next(1, full.Length);
                return ($"cut at {cut} of {full.Length}", null, full[..cut]);
            case "lone-surrogate-escape":
                var escape = random.Next(2) == 0 ? "\\ud800" : "\\udfff";
                return ($"{escape} in a string", null, InString(root, escape));
            case "raw-lone-surrogate":
                return ("U+D834 alone in a string", null, InString(root, "\ud834"));
            case "invalid-utf8":
                byte[][] sequences = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]];
                var sequence = sequences[random.Next(sequences.Length)];
                var parts = InString(root, Marker).Split(Marker);
                return ($"bytes {Convert.ToHexString(sequence)} in a string", [.. Encoding.UTF8.GetBytes(parts[0]), .. sequence, .. Encoding.UTF8.GetBytes(parts[1])], null);
            case "non-object":
                string[] others = ["[]", "[1]", "\"text\"", "42", "null", "true", ""];
                var other = others[random.Next(others.Length)];
                return ($"the input is {(other.Length == 0 ? "empty" : other)}", null, other);
            case "trailing":
                string[] tails = ["x", "}", ",", "{}", " 1", "]"];
                var tail = tails[random.Next(tails.Length)];
                return ($"followed by {tail}", null, JsJson.Serialize(root) + tail);
            case "comment":
                return ("a comment before it", null, "/* c */" + JsJson.Serialize(root));
            case "trailing-comma":
                var text = JsJson.Serialize(root);
                return ("a trailing comma", null, text[..^1] + ",}");
            case "deep-nesting":
                var depth = random.Next(65, 5000);
                var nested = new string('[', depth) + new string(']', depth);
                return ($"nested {depth} deep", null, InString(root, Marker).Replace($"\"{Marker}", nested + ",\"", StringComparison.Ordinal));
            case "oversize":
                FieldSpec.Of(seed.OversizePath!).Set(root, new string('x', oversizeBytes));
                return ($"{seed.OversizePath} of {oversizeBytes} bytes", null, JsJson.Serialize(root));
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }
    }

    /// <summary>The serialized <paramref name="root"/> with <paramref name="inserted"/> (raw JSON text) at the start of one of its string values.</summary>
    private string InString(JsonObject root, string inserted)
    {
        var strings = Values(root).Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String).ToList();
        var target = Pick(strings);
        var parent = target.Parent!;
        var replacement = JsonValue.Create(Marker + target.GetValue<string>());
        if (parent is JsonObject obj)
        {
            obj[target.GetPropertyName()] = replacement;
        }
        else
        {
            ((JsonArray)parent)[target.GetElementIndex()] = replacement;
        }

        return JsJson.Serialize(root).Replace(Marker, inserted, StringComparison.Ordinal);
    }

    private T Pick<T>(List<T> items) => items[random.Next(items.Count)];

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => [obj, .. obj.SelectMany(p => Objects(p.Value))],
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    private static IEnumerable<JsonValue> Values(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Values(p.Value)),
        JsonArray array => array.SelectMany(Values),
        JsonValue value => [value],
        _ => [],
    };
}
