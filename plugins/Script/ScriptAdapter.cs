using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Script;

/// <summary>Runs a configured executable for deterministic work (spec §6.7).</summary>
internal sealed partial class ScriptAdapter(AdapterContext context) : IAdapter
{
    private readonly AdapterSettings _settings = new(context.Settings);
    private readonly ProcessRunner _runner = ProcessRunner.System;
    private readonly CredentialResolver _credentials = CredentialResolver.FromEnvironment(ProcessRunner.System);

    public Task<HealthReport> HealthcheckAsync(CancellationToken cancellationToken)
    {
        var command = _settings.GetString("command");
        var commandPath = ExecutableLocator.Find(command);
        var envFile = _settings.GetString("envFile");
        var extraArgs = new JsonArray();
        foreach (var arg in _settings.GetStringArray("extraArgs"))
        {
            extraArgs.Add(arg);
        }

        return Task.FromResult(new HealthReport
        {
            Ok = commandPath is not null,
            Detail = new JsonObject
            {
                ["command"] = command,
                ["command_path"] = commandPath,
                ["env_file"] = envFile,
                ["env_file_exists"] = envFile is null ? null : File.Exists(envFile),
                ["working_dir"] = _settings.GetString("workingDir"),
                ["extra_args"] = extraArgs,
            },
        });
    }

    public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var command = _settings.GetString("command");
        return Task.FromResult(ExecutableLocator.Find(command) is { } path
            ? new ProbeResult { Ok = true, Detail = new JsonObject { ["command_path"] = path } }
            : new ProbeResult { Ok = false, Reason = $"command not found: {command}", Detail = new JsonObject { ["command"] = command } });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
