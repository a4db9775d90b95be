using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Workflows;

/// <summary>A row of <c>workflows</c> (spec §3.2). Active ⇔ <see cref="CompletedAt"/> is null.</summary>
internal sealed record WorkflowRecord
{
    public required long Id { get; init; }

    public required string Template { get; init; }

    public required string InstanceKey { get; init; }

    public required string CurrentState { get; init; }

    /// <summary>The stored <c>context_json</c> text, unparsed (null when none).</summary>
    public string? ContextJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The parsed context; a missing, unparseable or non-object context reads as an empty object.</summary>
    public JsonObject Context()
    {
        if (ContextJson is null)
        {
            return [];
        }

        try
        {
            return JsJson.ParseStored(ContextJson) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>The raw row as <c>workflow-list</c> prints it (context not parsed).</summary>
    public JsonObject ToRawJson() => new()
    {
        ["id"] = Id,
        ["template"] = Template,
        ["instance_key"] = InstanceKey,
        ["current_state"] = CurrentState,
        ["context_json"] = ContextJson,
        ["created_at"] = IsoTime.ToIso(CreatedAt),
        ["updated_at"] = IsoTime.ToIso(UpdatedAt),
        ["completed_at"] = CompletedAt is { } completed ? IsoTime.ToIso(completed) : null,
    };

    /// <summary>The raw row plus <c>context</c>: the parsed context_json, or null (<c>workflow-show</c>, snapshots).</summary>
    public JsonObject ToShowJson()
    {
        var json = ToRawJson();
        JsonNode? context = null;
        if (ContextJson is not null)
        {
            try
            {
                context = JsJson.ParseStored(ContextJson);
            }
            catch (System.Text.Json.JsonException)
            {
                context = null;
            }
        }

        json["context"] = context;
        return json;
    }
}
