using System.CommandLine;
using System.Runtime.CompilerServices;
using AgentRuntime.Host.Cli.Commands;
using AgentRuntime.Host.Logging;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// Builds the command tree and runs one command with the exit-code contract. <see cref="RunAsync(RootCommand, string[], CliEnvironment, CancellationToken)"/>
/// is the one entry: the process calls it with the console (after the native front end's hand-off
/// check, Program.cs), tests call it in process with their own writers and a fake clock.
/// </summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand("AgentRuntime: a durable task queue and dispatch host for autonomous agents.");
        root.Options.Add(GlobalOptions.Config);

        // The plugin commands exist only where plugins can load. The native front end compiles
        // without dynamic code, so this branch (and every plugin, web and serve type behind it) is
        // left out of it; it hands those commands to the managed plugin host (NativeFrontEnd).
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            root.Subcommands.Add(new AdaptersCommand(environment));
            root.Subcommands.Add(new PluginsCommand(environment));
            root.Subcommands.Add(new HealthcheckCommand(environment));
            root.Subcommands.Add(new RunOnceCommand(environment));
        }

        root.Subcommands.Add(new IntakeCommand(environment));
        root.Subcommands.Add(new StatusCommand(environment));
        root.Subcommands.Add(new PauseCommand(environment));
        root.Subcommands.Add(new ResumeCommand(environment));
        root.Subcommands.Add(new CancelCommand(environment));
        root.Subcommands.Add(new ScheduleCreateCommand(environment));
        root.Subcommands.Add(new ScheduleTickCommand(environment));
        root.Subcommands.Add(new SensorEventCommand(environment));
        root.Subcommands.Add(BridgeCommand.GitHub(environment));
        root.Subcommands.Add(BridgeCommand.Discord(environment));
        root.Subcommands.Add(new WorkflowListCommand(environment));
        root.Subcommands.Add(new WorkflowShowCommand(environment));
        root.Subcommands.Add(new WorkflowCreateCommand(environment));
        root.Subcommands.Add(new WorkflowTransitionCommand(environment));
        root.Subcommands.Add(new WorkflowCompleteCommand(environment));
        root.Subcommands.Add(new SnapshotCommand(environment));
        root.Subcommands.Add(new SeedBacklogCommand(environment));
        root.Subcommands.Add(new ReportCommand(environment));

        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            root.Subcommands.Add(new WebCommand(environment));
            root.Subcommands.Add(new ServeCommand(environment));
        }

        return root;
    }

    /// <param name="args">The command line, without the program name.</param>
    /// <param name="environment">Where output goes and how the core is built.</param>
    /// <param name="cancellationToken">Cancels the command as SIGINT would (exit 130); the process entry passes none and relies on signals.</param>
    public static Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken) =>
        RunAsync(BuildRoot(environment), args, environment, cancellationToken);

    /// <summary>Runs <paramref name="args"/> against a tree already built by <see cref="BuildRoot"/> for <paramref name="environment"/>.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage problems go to stderr with the help of the command that was meant.
            await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Error, Error = environment.Error }, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = environment.Out,
                    Error = environment.Error,
                    EnableDefaultExceptionHandler = false,

                    // SIGINT/SIGTERM (systemd stopping the unit) cancel the command; give a running
                    // attempt time to stop its process tree (SIGKILL comes 5 s after SIGTERM) and to
                    // record the interrupted attempt before the process is made to exit. In process
                    // (tests), the host process's signals are not ours to take.
                    // The web and serve commands take the signals themselves: a stopped server exits 0.
                    ProcessTerminationTimeout = environment.HandleSignals && parse.CommandResult.Command is not (WebCommand or ServeCommand) ? TimeSpan.FromSeconds(10) : null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            CliOutput.Error(environment.Error, "interrupted");
            return ExitCodes.Interrupted;
        }
        catch (OperatorException ex)
        {
            CliOutput.Error(environment.Error, ex.Message);
            return ExitCodes.Failure;
        }
        catch (UnexpectedFailure ex)
        {
            CliOutput.Error(environment.Error, ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // Before a config was loaded there is no log to point at: one line, and the whole
            // exception only when the operator asked for debug output.
            CliOutput.Error(environment.Error, $"failed unexpectedly: {UnexpectedFailure.OneLine(ex.Message)} (set {HostLogging.LevelVariable}=Debug for details)");
            if (string.Equals(System.Environment.GetEnvironmentVariable(HostLogging.LevelVariable), "Debug", StringComparison.OrdinalIgnoreCase))
            {
                environment.Error.WriteLine(ex.ToString());
            }

            return ExitCodes.Failure;
        }
    }
}
