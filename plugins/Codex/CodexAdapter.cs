using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Codex;

/// <summary>The <c>codex</c> driver. Execution is not part of this build yet: it reports so as a permanent failure.</summary>
internal sealed class CodexAdapter(AdapterContext context) : AgentCliAdapter("codex", context)
{
    public override Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecutionResult
        {
            RawOutput = "the codex driver cannot execute tasks in this build",
            ExitStatus = ExitStatus.Error,
            RetryClass = RetryClass.Permanent,
        });
}
