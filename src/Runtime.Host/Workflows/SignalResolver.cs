using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Workflows;

/// <summary>
/// Resolves the signal of a completed auto-transition task (spec §7.3 "Transition resolution").
/// For the <c>__signal__</c> sentinel the first accepted candidate wins among the outcome's
/// <c>workflow_signal</c> and <c>machine_status</c>, then the raw output's own
/// <c>workflow_signal</c>, <c>status</c> and <c>machine_status</c> — which is how a model replying
/// <c>{"status":"continue"}</c> drives the loop although normalization stored <c>completed</c>.
/// </summary>
internal static partial class SignalResolver
{
    public static string Resolve(WorkflowStateDefinition state, TaskRecord task)
    {
        var entry = state.Auto[task.Kind];
        if (entry != WorkflowStateDefinition.SignalSentinel)
        {
            return entry;
        }

        var outcome = task.Outcome ?? [];
        var accepted = (task.Payload["accepted_signals"] as JsonArray ?? [])
            .Select(JsValues.String)
            .OfType<string>()
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .ToList();
        if (accepted.Count == 0)
        {
            return JsValues.String(outcome["workflow_signal"]) ?? "";
        }

        var raw = RawOutputObject(JsValues.String(outcome["raw_output"]));
        string?[] candidates =
        [
            JsValues.String(outcome["workflow_signal"]),
            JsValues.String(outcome["machine_status"]),
            JsValues.String(raw?["workflow_signal"]),
            JsValues.String(raw?["status"]),
            JsValues.String(raw?["machine_status"]),
        ];
        return candidates.FirstOrDefault(c => c is not null && accepted.Contains(c)) ?? "";
    }

    /// <summary>The raw output as a JSON object: the whole trimmed text, or the content of a fenced block that is the whole text.</summary>
    private static JsonObject? RawOutputObject(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = raw.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal) && WholeFence().Match(text) is { Success: true } match)
        {
            text = match.Groups[1].Value;
        }

        return JsonCandidate.TryParse(text, out var value) ? value as JsonObject : null;
    }

    [GeneratedRegex(@"^```[A-Za-z]*\s*\n?([\s\S]*?)\s*```$")]
    private static partial Regex WholeFence();
}
