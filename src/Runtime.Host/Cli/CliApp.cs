using System.CommandLine;
using AgentRuntime.Host.Cli.Commands;
using AgentRuntime.Host.Configuration;

namespace AgentRuntime.Host.Cli;

/// <summary>Builds the command tree and runs one command with the exit-code contract.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("AgentRuntime: a durable task queue and dispatch host for autonomous agents.");
        root.Options.Add(GlobalOptions.Config);
        root.Subcommands.Add(AdaptersCommand.Create());
        root.Subcommands.Add(IntakeCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(HealthcheckCommand.Create());
        root.Subcommands.Add(RunOnceCommand.Create());
        root.Subcommands.Add(PauseCommand.CreatePause());
        root.Subcommands.Add(PauseCommand.CreateResume());
        root.Subcommands.Add(ScheduleCreateCommand.Create());
        root.Subcommands.Add(ScheduleTickCommand.Create());
        root.Subcommands.Add(SensorEventCommand.Create());
        root.Subcommands.Add(BridgeCommand.GitHub());
        root.Subcommands.Add(BridgeCommand.Discord());
        root.Subcommands.Add(WorkflowListCommand.Create());
        root.Subcommands.Add(WorkflowShowCommand.Create());
        root.Subcommands.Add(WorkflowCreateCommand.Create());
        root.Subcommands.Add(WorkflowTransitionCommand.Create());
        root.Subcommands.Add(WorkflowCompleteCommand.Create());
        root.Subcommands.Add(SnapshotCommand.Create());
        root.Subcommands.Add(SeedBacklogCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage problems go to stderr with the help of the command that was meant.
            await parse.InvokeAsync(new InvocationConfiguration { Output = Console.Error, Error = Console.Error }).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,

                // SIGINT/SIGTERM (systemd stopping the unit) cancel the command; give a running
                // attempt time to stop its process tree (SIGKILL comes 5 s after SIGTERM) and to
                // record the interrupted attempt before the process is made to exit.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            CliOutput.Error("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is ConfigException or CliException)
        {
            CliOutput.Error(ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CliOutput.Error($"{ex.GetType().Name}: {ex.Message}");
            Console.Error.WriteLine(ex.StackTrace);
            return ExitCodes.Failure;
        }
    }
}
