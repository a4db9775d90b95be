using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

internal abstract partial class AgentCliAdapter
{
    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var adapterEnv = AdapterEnvironment.Load(Settings);
        var resolved = await Credentials.ResolveAsync(new OrderedDictionary<string, string>(adapterEnv, StringComparer.Ordinal), cancellationToken)
            .ConfigureAwait(false);
        var cwd = Settings.GetString("workingDir") ?? request.Paths.WorkingDirectory;
        var codexHome = resolved.GetValueOrDefault("CODEX_HOME") ?? Environment.GetEnvironmentVariable("CODEX_HOME");
        if (!string.IsNullOrEmpty(codexHome))
        {
            Directory.CreateDirectory(Path.GetFullPath(codexHome, cwd));
        }

        var temp = Directory.CreateTempSubdirectory("agent-runtime-cli-");
        try
        {
            var run = new CliRunContext
            {
                Request = request, AdapterEnv = adapterEnv, WorkingDirectory = cwd, TempDirectory = temp.FullName,
                TrustedVmArgs = Settings.GetString("autonomy") == "trusted-vm" ? AgentCliHealth.TrustedVmArgs(Driver) : [],
                ExtraArgs = Settings.GetStringArray("extraArgs"),
            };
            var cli = BuildInvocation(run);
            var command = Settings.GetString("command") ?? "";

            // Spec §6.1: agent-cli records the adapter env before credential resolution (ids, never secrets).
            var invocation = new InvocationRecord
            {
                Driver = Driver, Command = command, Arguments = cli.Arguments, WorkingDirectory = cwd,
                Environment = new Dictionary<string, string>(adapterEnv, StringComparer.Ordinal),
            };
            var spec = new ProcessSpec
            {
                Command = command, Arguments = cli.Arguments, WorkingDirectory = cwd, Environment = resolved,
                StandardInput = cli.StandardInput, Timeout = Timeout,
            };
            var outcome = await Runner.RunAsync(spec, sink, cancellationToken).ConfigureAwait(false);
            return ToResult(outcome, run, invocation);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private ExecutionResult ToResult(ProcessOutcome outcome, CliRunContext run, InvocationRecord invocation)
    {
        var diagnostics = new JsonObject
        {
            ["driver"] = Driver, ["command"] = invocation.Command, ["args"] = CompactJson.Array(invocation.Arguments), ["cwd"] = run.WorkingDirectory,
        };
        switch (outcome.End)
        {
            case ProcessEnd.SpawnFailed:
                return new ExecutionResult
                {
                    RawOutput = outcome.SpawnError ?? "", ExitStatus = ExitStatus.Error, RetryClass = RetryClass.Permanent,
                    Diagnostics = diagnostics, Invocation = invocation, Stderr = outcome.SpawnError ?? "", Note = "spawn_error",
                };
            case ProcessEnd.TimedOut:
                return new ExecutionResult
                {
                    RawOutput = FirstNonEmpty(outcome.Stderr, outcome.Stdout, "agent-cli timed out"),
                    ExitStatus = ExitStatus.Timeout, RetryClass = RetryClass.Retryable, Diagnostics = diagnostics, Invocation = invocation,
                    Stdout = outcome.Stdout, Stderr = outcome.Stderr, LastMessage = ExtractLastMessage(outcome, run), Note = "timeout",
                };
            default:
                var lastMessage = ExtractLastMessage(outcome, run);
                diagnostics["exit_code"] = outcome.ExitCode;
                diagnostics["stdout"] = outcome.Stdout;
                diagnostics["stderr"] = outcome.Stderr;
                diagnostics["last_message"] = lastMessage;
                return ClassifyExit(
                    new ExecutionResult
                    {
                        RawOutput = FirstNonEmpty(lastMessage, outcome.Stderr, outcome.Stdout),
                        ExitStatus = outcome.ExitCode == 0 ? ExitStatus.Ok : ExitStatus.Error,
                        RetryClass = outcome.ExitCode == 0 ? RetryClass.None : RetryClass.Retryable,
                        Diagnostics = diagnostics, Invocation = invocation, Stdout = outcome.Stdout, Stderr = outcome.Stderr, LastMessage = lastMessage,
                    },
                    outcome);
        }
    }

    protected static string FirstNonEmpty(string first, string second, string fallback = "") =>
        first.Length > 0 ? first : second.Length > 0 ? second : fallback;

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is harmless; the run's result matters more.
        }
    }
}
