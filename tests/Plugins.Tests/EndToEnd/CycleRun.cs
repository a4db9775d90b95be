using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>One <c>run-once</c> of the built host as a separate process, with when it ran.</summary>
internal sealed record CycleRun(CliResult Cli, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    public TimeSpan Elapsed => FinishedAt - StartedAt;

    public JsonObject Json => Cli.Json;

    public string Status => Json["status"]!.GetValue<string>();

    public string AttemptId => Json["attempt_id"]!.GetValue<string>();

    public override string ToString() => $"run-once took {Elapsed}\n{Cli}";
}
