using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.TestSupport;

/// <summary>Builds adapter contexts and execution requests the way the host would.</summary>
internal static class Requests
{
    public const string CanonicalOutcome =
        """{"status":"completed","operator_summary":"done by the fake","machine_status":"ok","file_changes":[],"artifact_paths":[]}""";

    public static AdapterContext Context(string kind, JsonObject settings, string configDirectory) => new()
    {
        AdapterId = $"test-{kind}", Kind = kind, Settings = ToElement(settings), ConfigDirectory = configDirectory, RuntimeName = "test-runtime",
    };

    public static ExecutionRequest Execution(
        string kind, JsonObject settings, string root, string prompt = "Say the canonical outcome.", JsonObject? payload = null, JsonObject? profile = null) => new()
    {
        Task = new TaskSnapshot
        {
            TaskId = "task-1", Kind = "test", Source = "test", Priority = 5, Payload = ToElement(payload ?? []),
            RequestedProfile = "tester", RequestedAdapter = "", AttemptCount = 1, MaxAttempts = 3,
        },
        // Unique, as a real attempt id: a run stops every process that carries its attempt id, so
        // tests running side by side must not share one.
        AttemptId = $"attempt-{Guid.NewGuid():N}",
        AdapterId = $"test-{kind}",
        Kind = kind,
        Settings = ToElement(settings),
        Profile = new ProfileSnapshot { ProfileId = "tester", Document = ToElement(profile ?? new JsonObject { ["id"] = "tester" }) },
        Prompt = prompt,
        Paths = new RuntimePaths
        {
            StateDirectory = Path.Combine(root, "state"), ArtifactDirectory = Path.Combine(root, "artifacts"), WorkingDirectory = root,
        },
        RuntimeName = "test-runtime",
    };

    public static JsonElement ToElement(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}
