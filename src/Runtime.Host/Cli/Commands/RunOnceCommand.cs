using System.CommandLine;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary><c>run-once</c>: exactly one dispatch cycle; prints the cycle result and exits 0 whatever its <c>ok</c> (spec §1.2, §5).</summary>
internal static class RunOnceCommand
{
    public static Command Create()
    {
        var command = new Command("run-once", "Run one dispatch cycle: claim at most one task and run it through its adapter");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var cycle = new DispatchCycle(host.Dispatch());
            CyclePhases.AddTo(
                cycle,
                new ScheduleEvaluator(host.Tasks, host.Time, host.Log),
                new WorkflowEngine(new WorkflowStore(host.Tasks, host.Time), host.Time),
                host.RunLog);
            var result = await cycle.RunOnceAsync(ct).ConfigureAwait(false);
            CliOutput.WriteJson(result);
            return ExitCodes.Success;
        });
        return command;
    }
}
