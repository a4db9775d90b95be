using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Reads the state the Bun runtime wrote (<c>tests/Fixtures/bun-state</c>): task rows from a
/// temporary copy of its database, its profile, runtime policy and bundle files. Paths in it were
/// renamed to <c>/home/dev/agent-runtime</c> after the run.
/// </summary>
internal static class BunFixtureData
{
    public const string RenamedRoot = "/home/dev/agent-runtime";

    public static string Root { get; } = Repo.BunStateDirectory;

    public static string BundleDir { get; } = Path.Combine(Root, "state", "artifacts", "bundles", "2026-11-24");

    public static JsonObject ConfigJson { get; } = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "config", "runtime.json")))!;

    public static Profile Profile { get; } = new()
    {
        Path = Path.Combine(Root, "profiles", "lumen", "profile.json"),
        Document = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "profiles", "lumen", "profile.json")))!,
    };

    public static RuntimeConfig Config(string artifactDir) =>
        DispatchFixtures.Config(artifactDir, (string)ConfigJson["runtimePolicy"]!) with { RuntimeName = (string)ConfigJson["runtimeName"]! };

    /// <summary>The adapter as the config loader resolves it on the renamed host.</summary>
    public static AdapterEntry Adapter(string id)
    {
        var settings = (JsonObject)ConfigJson["adapters"]![id]!.DeepClone();
        settings["command"] = RenamedRoot + "/bin/" + Path.GetFileName((string)settings["command"]!);
        if ((string?)settings["mode"] == "agent-cli")
        {
            settings["workingDir"] = RenamedRoot;
        }

        return new AdapterEntry { Id = id, Settings = settings, DeclaringFile = RenamedRoot + "/config/runtime.json" };
    }

    public static IReadOnlyList<string> BundleIds() =>
        Directory.GetFiles(BundleDir, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();

    public static JsonObject Bundle(string bundleId) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(BundleDir, bundleId + ".json")))!;

    public static TaskRecord Task(string taskId)
    {
        using var copy = new TempDirectory("bun-fixture-db");
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "state"), "runtime.db*"))
        {
            File.Copy(file, copy.Combine(Path.GetFileName(file)));
        }

        // Read through the store itself (it migrates the private copy, never the fixture).
        using var database = RuntimeDatabase.Open(copy.Combine("runtime.db"), TimeProvider.System);
        var store = new TaskStore(database, new TaskStoreOptions { DefaultProfile = "lumen", MaxAttempts = 2, RetryBackoffSeconds = 0, RunnerId = "test" }, TimeProvider.System);
        return store.GetTask(taskId) ?? throw new InvalidOperationException($"task {taskId} not in fixture DB");
    }
}
