using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.ClaudeCode;

/// <summary>The <c>claude-code</c> driver. Execution is not part of this build yet: it reports so as a permanent failure.</summary>
internal sealed class ClaudeCodeAdapter(AdapterContext context) : AgentCliAdapter("claude-code", context)
{
    public override Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecutionResult
        {
            RawOutput = "the claude-code driver cannot execute tasks in this build",
            ExitStatus = ExitStatus.Error,
            RetryClass = RetryClass.Permanent,
        });
}
