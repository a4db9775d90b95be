using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

internal abstract partial class AgentCliAdapter
{
    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionSink sink, CancellationToken cancellationToken)
    {
        var deadline = AttemptDeadline.Start(request, Settings, FallbackTimeout);
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
                StandardInput = cli.StandardInput, Timeout = deadline.Remaining, AttemptId = request.AttemptId,
                Secrets = CredentialResolver.ResolvedSecrets(adapterEnv, resolved),
            };
            var outcome = await Runner.RunAsync(spec, sink, cancellationToken).ConfigureAwait(false);
            return ResultMasking.Apply(ToResult(outcome, run, invocation), new SecretMasker().AddRange(spec.Secrets));
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private ExecutionResult ToResult(ProcessOutcome outcome, CliRunContext run, InvocationRecord invocation)
    {
        var result = ProcessResults.From(outcome, new ProcessEvidence
        {
            Invocation = invocation,
            Diagnostics = new JsonObject
            {
                ["driver"] = Driver, ["command"] = invocation.Command,
                ["args"] = new JsonArray(invocation.Arguments.Select(a => (JsonNode?)a).ToArray()), ["cwd"] = run.WorkingDirectory,
            },
            TimeoutText = "agent-cli timed out",
            LastMessage = () => ExtractLastMessage(outcome, run),
            LastMessageInDiagnostics = true,
        });
        return outcome.End == ProcessEnd.Exited ? ClassifyExit(result, outcome) : result;
    }

    protected static string FirstNonEmpty(string first, string second, string fallback = "") =>
        ProcessResults.FirstNonEmpty(first, second, fallback);

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
