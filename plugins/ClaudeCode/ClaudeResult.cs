using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.ClaudeCode;

/// <summary>
/// Reads Claude Code's <c>--output-format json</c> envelope,
/// <c>{"type":"result","subtype":"success","is_error":false,"result":"…"}</c>.
/// </summary>
internal static class ClaudeResult
{
    // Failures no retry can fix: credentials, permissions, billing, a malformed request or unknown model.
    private static readonly string[] PermanentMarkers =
    [
        "authentication_error", "invalid api key", "invalid x-api-key", "api error: 401", "api error: 403", "permission_error",
        "please run /login", "oauth token", "credit balance is too low", "invalid_request_error", "api error: 400",
        "api error: 404", "not_found_error",
    ];

    /// <summary>The spec §6.4 rule: the envelope's <c>result</c> text, else stdout unchanged.</summary>
    public static string ExtractText(string stdout) =>
        stdout.Trim().Length > 0 && Envelope(stdout) is { } envelope && envelope["result"] is JsonValue value
        && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : stdout;

    /// <summary>
    /// Claude Code may report an API error, a rate limit or an aborted turn as a result envelope
    /// with <c>is_error: true</c> or a non-success <c>subtype</c>, sometimes with exit code 0. Such a
    /// run is an error: permanent for authentication and invalid requests, retryable otherwise. The
    /// envelope's text (e.g. "API Error: 429 … retry-after …") stays in the raw output for the
    /// host's retry-hint parser.
    /// </summary>
    public static ExecutionResult Classify(ExecutionResult result, string stdout)
    {
        if (Envelope(stdout) is not { } envelope)
        {
            return result;
        }

        var usage = envelope["usage"] as JsonObject;
        var withUsage = usage is null ? result : result with { Usage = (JsonObject)usage.DeepClone() };
        var isError = envelope["is_error"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
        var subtype = envelope["subtype"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null;
        if (!isError && subtype is null or "success")
        {
            return withUsage;
        }

        var text = withUsage.LastMessage.Length > 0 ? withUsage.LastMessage : $"claude reported {subtype ?? "an error"}";
        var permanent = PermanentMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
        var diagnostics = withUsage.Diagnostics ?? [];
        diagnostics["claude_error"] = true;
        diagnostics["claude_subtype"] = subtype;
        return withUsage with
        {
            RawOutput = text,
            ExitStatus = ExitStatus.Error,
            RetryClass = permanent ? RetryClass.Permanent : RetryClass.Retryable,
            Diagnostics = diagnostics,
        };
    }

    private static JsonObject? Envelope(string stdout)
    {
        try
        {
            return JsonNode.Parse(stdout.Trim()) is JsonObject o && o["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String
                   && t.GetValue<string>() == "result"
                ? o
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
