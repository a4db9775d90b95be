using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Hermes;

/// <summary>The <c>hermes-agent</c> driver. Execution is not part of this build yet: it reports so as a permanent failure.</summary>
internal sealed class HermesAdapter(AdapterContext context) : AgentCliAdapter("hermes-agent", context)
{
    public override Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecutionResult
        {
            RawOutput = "the hermes-agent driver cannot execute tasks in this build",
            ExitStatus = ExitStatus.Error,
            RetryClass = RetryClass.Permanent,
        });
}
