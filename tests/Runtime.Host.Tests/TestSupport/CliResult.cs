using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.TestSupport;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonObject Json => JsonNode.Parse(Stdout) as JsonObject
        ?? throw new InvalidOperationException($"stdout is not a JSON object: {Stdout}\nstderr: {Stderr}");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
