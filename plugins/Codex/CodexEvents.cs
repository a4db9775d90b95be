using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Codex;

/// <summary>
/// Reads the JSONL events of <c>codex exec --json</c>. A failed turn leaves the last-message file
/// empty and puts the reason ("exceeded retry limit, last status: 429 Too Many Requests") only in
/// <c>error</c>/<c>turn.failed</c> events on stdout, while stderr holds unrelated warnings.
/// </summary>
internal static class CodexEvents
{
    public static IReadOnlyList<string> ErrorMessages(string stdout)
    {
        var messages = new List<string>();
        foreach (var line in stdout.Split('\n'))
        {
            if (Parse(line) is not { } e)
            {
                continue;
            }

            var message = (string?)e["type"] switch
            {
                "error" => e["message"] as JsonValue,
                "turn.failed" => e["error"]?["message"] as JsonValue,
                _ => null,
            };
            if (message?.GetValueKind() == JsonValueKind.String && message.GetValue<string>() is { Length: > 0 } text && !messages.Contains(text))
            {
                messages.Add(text);
            }
        }

        return messages;
    }

    /// <summary>
    /// When the turn failed and codex left no final message, the raw output leads with codex's own
    /// error text (so the host's retry-hint parser sees "429 Too Many Requests"), and a failed turn
    /// with exit code 0 is still an error.
    /// </summary>
    public static ExecutionResult Classify(ExecutionResult result, string stdout)
    {
        var errors = ErrorMessages(stdout);
        if (errors.Count == 0 || result.LastMessage.Trim().Length > 0)
        {
            return result;
        }

        var raw = string.Join('\n', errors);
        if (result.Stderr.Trim().Length > 0)
        {
            raw += "\n" + result.Stderr;
        }

        var diagnostics = result.Diagnostics ?? [];
        diagnostics["codex_errors"] = new JsonArray([.. errors.Select(e => (JsonNode?)e)]);
        return result with
        {
            RawOutput = raw, ExitStatus = ExitStatus.Error,
            RetryClass = result.RetryClass == RetryClass.None ? RetryClass.Retryable : result.RetryClass, Diagnostics = diagnostics,
        };
    }

    private static JsonObject? Parse(string line)
    {
        if (!line.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
