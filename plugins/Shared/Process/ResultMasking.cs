using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Masks an adapter's returned evidence once, as it comes back, so every later use of it (audit
/// files, attempt row, outcome, task error, run log, events) holds the masked text only.
/// </summary>
internal static class ResultMasking
{
    public static ExecutionResult Apply(ExecutionResult result, SecretMasker masker)
    {
        if (masker.Count == 0)
        {
            return result;
        }

        return result with
        {
            RawOutput = masker.Apply(result.RawOutput),
            Stdout = masker.Apply(result.Stdout),
            Stderr = masker.Apply(result.Stderr),
            LastMessage = masker.Apply(result.LastMessage),
            Note = masker.ApplyOrNull(result.Note),
            Diagnostics = masker.Apply(result.Diagnostics),
            Usage = masker.Apply(result.Usage),
            Invocation = result.Invocation is { } invocation ? Apply(invocation, masker) : null,
        };
    }

    public static InvocationRecord Apply(InvocationRecord invocation, SecretMasker masker) => invocation with
    {
        Command = masker.Apply(invocation.Command),
        Arguments = [.. invocation.Arguments.Select(masker.Apply)],
        WorkingDirectory = masker.ApplyOrNull(invocation.WorkingDirectory),
        Environment = invocation.Environment.ToDictionary(p => p.Key, p => masker.Apply(p.Value), StringComparer.Ordinal),
    };
}
