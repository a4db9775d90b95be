using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Json;

/// <summary>The two JSON readers behind <see cref="JsJson.Parse"/> (input, strict) and <see cref="JsJson.ParseStored"/> (stored data, as JavaScript reads it).</summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static JsonNode? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var node = JsonNode.Parse(text, documentOptions: Strict);

            // Nodes are built lazily: a string escape that is half a surrogate pair would only throw
            // when some later reader touched it, so every string and key is read once here.
            ReadEveryString(node);
            return node;
        }
        catch (JsonException ex) when (ex.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            throw new StrictJsonException(DuplicateMessage(ex.Message), ex);
        }
        catch (InvalidOperationException ex)
        {
            // A "\ud800" escape without its pair: System.Text.Json refuses to make a string of it.
            throw new StrictJsonException("a string holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape)", ex);
        }
        catch (ArgumentException ex)
        {
            // The text itself holds an unpaired surrogate and cannot be transcoded to UTF-8.
            throw new StrictJsonException("the text holds a lone UTF-16 surrogate (invalid Unicode)", ex);
        }
    }

    public static JsonNode? ParseLenient(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            // Almost every stored value has no repeated key: the fast path. Its nodes are built
            // lazily, so a stored lone-surrogate escape threw only when a reader (the web task list,
            // a snapshot) wrote it out: a 500 for every listing. Every string is read here instead.
            var node = JsonNode.Parse(text, documentOptions: Strict);
            ReadEveryString(node);
            return node;
        }
        catch (JsonException)
        {
            // A repeated key (or not JSON at all: the slow path then throws the same way).
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("a string holds a lone UTF-16 surrogate", ex);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("the text holds a lone UTF-16 surrogate", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return LastWins(document.RootElement);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("a string holds a lone UTF-16 surrogate", ex);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("the text holds a lone UTF-16 surrogate", ex);
        }
    }

    private static void ReadEveryString(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    ReadEveryString(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    ReadEveryString(item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }

    /// <summary>"Duplicate property 'a' encountered during deserialization." → the key named the way the other input errors name fields.</summary>
    private static string DuplicateMessage(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start
            ? $"duplicate key \"{message[(start + 1)..end]}\" (a key may appear once per object)"
            : message;
    }

    private static JsonNode? LastWins(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    // The indexer replaces in place: first position, last value, as JSON.parse does.
                    obj[property.Name] = LastWins(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(LastWins(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
