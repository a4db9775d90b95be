using System.ComponentModel;
using AgentRuntime.Sdk;
using CliWrap;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Runs one executable for the script adapter and the agent-CLI drivers. The process is started in
/// its own session/process group (through <c>setsid</c>, which execs in place so the pid is kept)
/// so the whole tree can be stopped: SIGTERM to the group, SIGKILL <see cref="ProcessSpec.KillGrace"/>
/// later, then the output pipes are abandoned so a descendant that escaped cannot hold the call.
/// A timeout is a value (<see cref="ProcessEnd.TimedOut"/>); caller cancellation stops the tree the
/// same way and then throws <see cref="OperationCanceledException"/>.
/// <para>
/// The run ends when the launched process exits, not when its output pipes close: a background
/// child that inherited stdout no longer turns a finished script into a timeout. The pipes get
/// <see cref="PipeGrace"/> to drain, then whatever is left of the group (background children,
/// grandchildren holding the pipes) is stopped, so no attempt leaves processes behind; the exit
/// code stands. Every child carries <see cref="AttemptMarker"/> in its environment, so a later
/// dispatcher can find a tree whose runner died (<see cref="AttemptProcesses"/>).
/// </para>
/// <para>
/// Where this process may make cgroups, an attempt's process also runs in a cgroup of its own
/// (<see cref="AttemptScope"/>), joined before the command is exec'd (<see cref="LaunchLine"/>) and
/// killed whole at the end.
/// The process, its group and its cgroup are reported to the host
/// (<see cref="IExecutionSink.ProcessStarted"/>), which records them for the sweep after a crash.
/// </para>
/// </summary>
internal sealed class ProcessRunner(TimeProvider timeProvider)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1);

    /// <summary>How long output pipes may stay open after the launched process exited.</summary>
    private static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(2);

    /// <summary>SIGTERM to SIGKILL for the leftovers of a process that exited by itself.</summary>
    private static readonly TimeSpan LeftoverGrace = TimeSpan.FromSeconds(1);

    public static ProcessRunner System { get; } = new(TimeProvider.System);

    public async Task<ProcessOutcome> RunAsync(ProcessSpec spec, IExecutionSink sink, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var searchPath = spec.Environment.TryGetValue("PATH", out var childPath) ? childPath : null;
        var commandPath = ExecutableLocator.Find(spec.Command, searchPath, spec.WorkingDirectory);
        if (commandPath is null)
        {
            return SpawnFailure(ExecutableLocator.DescribeMissing(spec.Command, searchPath, spec.WorkingDirectory), null);
        }

        var masker = new SecretMasker().AddRange(spec.Secrets);
        sink = masker.Count == 0 ? sink : new MaskedSink(masker, sink);
        var stdout = new CapturingPipeTarget(OutputChannel.Stdout, sink);
        var stderr = new CapturingPipeTarget(OutputChannel.Stderr, sink);
        var environment = spec.Environment.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        if (spec.AttemptId is { } attemptId)
        {
            environment.TryAdd(AttemptMarker, attemptId);
        }

        // The scope is joined by the launched process itself, before it execs the command, so not
        // even a child forked in the command's first instruction can start outside it.
        var scope = LaunchLine.CanScope && spec.AttemptId is { } scoped ? AttemptScope.TryCreate(scoped) : null;
        var (executable, arguments) = LaunchLine.For(commandPath, spec.Arguments, scope);
        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(spec.WorkingDirectory)
            .WithEnvironmentVariables(environment)
            .WithStandardInputPipe(spec.StandardInput is null ? PipeSource.Null : PipeSource.FromString(spec.StandardInput))
            .WithStandardOutputPipe(stdout)
            .WithStandardErrorPipe(stderr)
            .WithValidation(CommandResultValidation.None);

        // Cancelling this token makes CliWrap stop reading the pipes and stop waiting.
        using var abandon = new CancellationTokenSource();
        CommandTask<CommandResult> running;
        Task exited = Task.CompletedTask;
        System.Diagnostics.Process? launched = null;
        try
        {
            running = command.ExecuteAsync(null, p => (launched, exited) = (p, p.WaitForExitAsync(CancellationToken.None)), abandon.Token, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or DirectoryNotFoundException)
        {
            scope?.Stop();
            return SpawnFailure($"spawn {spec.Command} failed: {ex.Message} (cwd {spec.WorkingDirectory})", commandPath);
        }

        var pid = running.ProcessId;
        var ownGroup = LaunchLine.OwnGroup;
        LaunchLine.Report(sink, new AdapterProcess { ProcessId = pid, ProcessGroupId = ownGroup ? pid : null, ControlGroup = scope?.Path });
        try
        {
            await Task.WhenAny(running.Task, exited).WaitAsync(spec.Timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            var exitCode = await FinishAsync(running, launched, pid, ownGroup, abandon).ConfigureAwait(false);
            return Exited(exitCode, masker.Apply(stdout.Text), masker.Apply(stderr.Text), pid, commandPath);
        }
        catch (TimeoutException)
        {
            await StopTreeAsync(running, pid, ownGroup, spec.KillGrace, abandon).ConfigureAwait(false);
            return new ProcessOutcome
            {
                End = ProcessEnd.TimedOut, Stdout = masker.Apply(stdout.Text), Stderr = masker.Apply(stderr.Text), ProcessId = pid, CommandPath = commandPath,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopTreeAsync(running, pid, ownGroup, spec.KillGrace, abandon).ConfigureAwait(false);
            throw;
        }
        finally
        {
            // Whatever is left in the scope (a descendant that left the group and cleared its environment) ends here.
            scope?.Stop();

            // A descendant that left the group (its own session, a double fork) still carries the attempt id.
            if (spec.AttemptId is { } attempt)
            {
                AttemptProcesses.Stop([attempt]);
            }
        }
    }

    /// <summary>The variable that names the attempt in every launched process's environment.</summary>
    public const string AttemptMarker = "AGENT_RUNTIME_ATTEMPT_ID";

    /// <summary>
    /// After the launched process exited: the pipes get <see cref="PipeGrace"/>, then the rest of
    /// the group is stopped and the pipes abandoned. Returns the launched process's exit code.
    /// </summary>
    private async Task<int> FinishAsync(CommandTask<CommandResult> running, System.Diagnostics.Process? launched, int pid, bool ownGroup, CancellationTokenSource abandon)
    {
        // Read now: once CliWrap finishes it disposes the process object.
        int? exitCode = null;
        if (!running.Task.IsCompleted && launched is not null)
        {
            try
            {
                exitCode = launched.ExitCode;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
            {
                exitCode = null;
            }
        }

        try
        {
            await running.Task.WaitAsync(PipeGrace, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A leftover child holds the pipes; it is stopped below.
        }

        if (ownGroup && ProcessSignals.AnyAlive(pid, ownGroup))
        {
            await StopTreeAsync(running, pid, ownGroup, LeftoverGrace, abandon).ConfigureAwait(false);
        }
        else if (!running.Task.IsCompleted)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            _ = running.Task.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }

        if (running.Task.IsCompletedSuccessfully)
        {
            return running.Task.Result.ExitCode;
        }

        if (running.Task.IsFaulted && !abandon.IsCancellationRequested)
        {
            await running.Task.ConfigureAwait(false);
        }

        return exitCode ?? -1;
    }

    private static ProcessOutcome SpawnFailure(string message, string? commandPath) =>
        new() { End = ProcessEnd.SpawnFailed, SpawnError = message, Stderr = message, CommandPath = commandPath };

    private static ProcessOutcome Exited(int exitCode, string stdout, string stderr, int pid, string commandPath)
    {
        // setsid reports its own exec failure (e.g. a script without a shebang) as 126/127 plus this text.
        if (exitCode is 126 or 127 && stdout.Length == 0 && stderr.StartsWith("setsid: failed to execute", StringComparison.Ordinal))
        {
            return SpawnFailure(stderr.Trim(), commandPath) with { ProcessId = pid };
        }

        return new ProcessOutcome
        {
            End = ProcessEnd.Exited, ExitCode = exitCode, Stdout = stdout, Stderr = stderr, ProcessId = pid, CommandPath = commandPath,
        };
    }

    /// <summary>
    /// SIGTERM to the group, wait (bounded by <paramref name="grace"/>) for the tree to go, SIGKILL
    /// what is left, then abandon the pipes. Returns within grace + ~1 s whatever the tree does.
    /// </summary>
    private async Task StopTreeAsync(CommandTask<CommandResult> running, int pid, bool ownGroup, TimeSpan grace, CancellationTokenSource abandon)
    {
        ProcessSignals.Send(pid, ownGroup, ProcessSignals.SigTerm);
        var deadline = timeProvider.GetUtcNow() + grace;
        while (timeProvider.GetUtcNow() < deadline && !(running.Task.IsCompleted && !ProcessSignals.AnyAlive(pid, ownGroup)))
        {
            await Task.Delay(PollInterval, timeProvider).ConfigureAwait(false);
        }

        if (ProcessSignals.AnyAlive(pid, ownGroup))
        {
            ProcessSignals.Send(pid, ownGroup, ProcessSignals.SigKill);
        }

        await abandon.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.Task.WaitAsync(DrainLimit, timeProvider).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Expected: the pipes were abandoned, or a descendant outside the group still holds them.
            _ = running.Task.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        }
    }
}
