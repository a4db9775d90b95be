using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// The one mapping from how a process ended to an attempt result, shared by the script adapter and
/// the agent-CLI drivers (spec §6.2 steps 7–9, §6.7): a launch failure is permanent with note
/// <c>spawn_error</c>; a timeout is retryable with note <c>timeout</c> and keeps the invocation and
/// everything captured; an exit is ok (0) or a retryable error.
/// </summary>
internal static class ProcessResults
{
    public static ExecutionResult From(ProcessOutcome outcome, ProcessEvidence evidence)
    {
        var diagnostics = evidence.Diagnostics;
        switch (outcome.End)
        {
            case ProcessEnd.SpawnFailed:
                var error = outcome.SpawnError ?? outcome.Stderr;
                if (evidence.SpawnErrorInDiagnostics)
                {
                    diagnostics["error"] = error;
                }

                return new ExecutionResult
                {
                    RawOutput = error, ExitStatus = ExitStatus.Error, RetryClass = RetryClass.Permanent,
                    Diagnostics = diagnostics, Invocation = evidence.Invocation, Stderr = error, Note = "spawn_error",
                };
            case ProcessEnd.TimedOut:
                return new ExecutionResult
                {
                    RawOutput = FirstNonEmpty(outcome.Stderr, outcome.Stdout, evidence.TimeoutText),
                    ExitStatus = ExitStatus.Timeout, RetryClass = RetryClass.Retryable, Diagnostics = diagnostics,
                    Invocation = evidence.Invocation, Stdout = outcome.Stdout, Stderr = outcome.Stderr,
                    LastMessage = evidence.LastMessage(), Note = "timeout",
                };
            default:
                var lastMessage = evidence.LastMessage();
                diagnostics["exit_code"] = outcome.ExitCode;
                diagnostics["stdout"] = outcome.Stdout;
                diagnostics["stderr"] = outcome.Stderr;
                if (evidence.LastMessageInDiagnostics)
                {
                    diagnostics["last_message"] = lastMessage;
                }

                return new ExecutionResult
                {
                    RawOutput = FirstNonEmpty(lastMessage, outcome.Stderr, outcome.Stdout),
                    ExitStatus = outcome.ExitCode == 0 ? ExitStatus.Ok : ExitStatus.Error,
                    RetryClass = outcome.ExitCode == 0 ? RetryClass.None : RetryClass.Retryable,
                    Diagnostics = diagnostics, Invocation = evidence.Invocation, Stdout = outcome.Stdout, Stderr = outcome.Stderr,
                    LastMessage = lastMessage,
                };
        }
    }

    public static string FirstNonEmpty(string first, string second, string fallback = "") =>
        first.Length > 0 ? first : second.Length > 0 ? second : fallback;
}
