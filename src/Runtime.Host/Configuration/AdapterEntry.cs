using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Configuration;

/// <summary>One configured adapter: its raw settings (paths resolved) and the kind that selects a plugin.</summary>
internal sealed record AdapterEntry
{
    public required string Id { get; init; }

    /// <summary>The adapter object as configured, paths resolved against <see cref="DeclaringFile"/>.</summary>
    public required JsonObject Settings { get; init; }

    public required string DeclaringFile { get; init; }

    public string? Mode => Settings.GetString("mode");

    public string? Driver => Settings.GetString("driver");

    /// <summary>An optional plugin name pinning which plugin serves this adapter.</summary>
    public string? Plugin => Settings.GetString("plugin");

    public string? FallbackAdapter => Settings.GetString("fallback_adapter");

    public string? RetryHintService => Settings.GetString("retry_hint_service");

    public string? Model => Settings.GetString("model");

    /// <summary>New: at most this many attempts on this adapter at once (<c>maxConcurrent</c>); null is no limit of its own.</summary>
    public int? MaxConcurrent => Settings.GetNumber("maxConcurrent") is { } limit ? (int)limit : null;

    /// <summary>
    /// The adapter kind a plugin must serve: the driver for <c>agent-cli</c>, otherwise the mode
    /// itself (<c>ollama-generate</c>, <c>script</c>, or a third-party kind). Null when it cannot be told.
    /// </summary>
    public string? Kind => Mode switch
    {
        null or "" => null,
        "agent-cli" => string.IsNullOrEmpty(Driver) ? null : Driver,
        _ => Mode,
    };
}
