using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Script;

internal sealed partial class ScriptAdapter
{
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecutionResult
        {
            RawOutput = "the script adapter cannot execute tasks in this build",
            ExitStatus = ExitStatus.Error,
            RetryClass = RetryClass.Permanent,
        });
}
