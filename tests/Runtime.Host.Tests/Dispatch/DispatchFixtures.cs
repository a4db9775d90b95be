using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>Builders for the records the dispatch logic takes, with test-friendly defaults.</summary>
internal static class DispatchFixtures
{
    public const string Policy = "You are a test runtime.";

    public static RuntimeConfig Config(string artifactDir, string runtimePolicy = Policy) => new()
    {
        SourcePath = "/tmp/config/runtime.json",
        RuntimeName = "test-agent",
        RuntimePolicy = runtimePolicy,
        StateDir = "/tmp/state",
        LogDir = "/tmp/state/logs",
        ArtifactDir = artifactDir,
        DbPath = "/tmp/state/runtime.db",
        LockPath = "/tmp/state/dispatch.lock",
        DefaultProfile = "tester",
        DefaultAdapter = "script-ok",
        MaxAttempts = 2,
        RetryBackoffSeconds = 1,
        Profiles = [],
        Adapters = [],
        Plugins = new PluginSettings(),
    };

    public static Profile Profile(string json = """
        {
          "profile_id": "tester",
          "style": "codex-like",
          "role": "Test operator",
          "system_prompt_parts": ["Do what the task says.", "Be brief."],
          "skills": ["testing"],
          "context_policy": { "max_prompt_chars": 16000 }
        }
        """) => new() { Path = "/tmp/profiles/tester/profile.json", Document = (JsonObject)JsonNode.Parse(json)! };

    public static TaskRecord Task(string kind = "operator", string payloadJson = "{}", string? subject = null, string? description = null) => new()
    {
        TaskId = "11111111-2222-4333-8444-555555555555",
        Kind = kind,
        Source = "operator:test",
        Subject = subject,
        Description = description,
        Priority = 5,
        Payload = (JsonObject)JsonNode.Parse(payloadJson)!,
        RequestedProfile = "tester",
        RequestedAdapter = "",
        Status = "running",
        CreatedAt = DateTimeOffset.Parse("2026-04-29T10:00:00.000Z", CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2026-04-29T10:00:01.000Z", CultureInfo.InvariantCulture),
        AttemptCount = 1,
        MaxAttempts = 2,
        AvailableAt = DateTimeOffset.Parse("2026-04-29T10:00:00.000Z", CultureInfo.InvariantCulture),
    };

    public static AdapterEntry Adapter(string id, string settingsJson) => new()
    {
        Id = id,
        Settings = (JsonObject)JsonNode.Parse(settingsJson)!,
        DeclaringFile = "/tmp/config/runtime.json",
    };

    public static CanonicalOutcome Completed(string summary = "Done.", string raw = "{}", IReadOnlyList<string>? artifactPaths = null, IReadOnlyList<string>? fileChanges = null) => new()
    {
        Status = OutcomeStatuses.Completed,
        OperatorSummary = summary,
        MachineStatus = OutcomeStatuses.MachineOk,
        FileChanges = fileChanges ?? [],
        ArtifactPaths = artifactPaths ?? [],
        FollowUpTasks = [],
        ExternalMessages = [],
        RawOutput = raw,
    };

    public static CanonicalOutcome Blocked(string summary, string raw = "") => Completed(summary, raw) with
    {
        Status = OutcomeStatuses.Blocked,
        MachineStatus = OutcomeStatuses.MachineBlocked,
    };
}
