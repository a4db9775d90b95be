using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>
/// Reads the state the Bun runtime wrote (<c>shared/fixtures/bun-state</c>): task rows from a
/// temporary copy of its database, its profile, runtime policy and bundle files. Paths in it were
/// renamed to <c>/home/dev/agent-runtime</c> after the run.
/// </summary>
internal static class BunFixtureData
{
    public const string RenamedRoot = "/home/dev/agent-runtime";

    public static string Root { get; } = Path.Combine(Repo.SharedDirectory, "fixtures", "bun-state");

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

        using var connection = new SqliteConnection($"Data Source={copy.Combine("runtime.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, source, subject, description, priority, payload_json, requested_profile, requested_adapter, created_at, updated_at, max_attempts, status, attempt_count, available_at FROM tasks WHERE task_id = $id";
        command.Parameters.AddWithValue("$id", taskId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"task {taskId} not in fixture DB");
        return new TaskRecord
        {
            TaskId = taskId,
            Kind = reader.GetString(0),
            Source = reader.GetString(1),
            Subject = reader.IsDBNull(2) || reader.GetString(2).Length == 0 ? null : reader.GetString(2),
            Description = reader.IsDBNull(3) || reader.GetString(3).Length == 0 ? null : reader.GetString(3),
            Priority = reader.GetInt32(4),
            Payload = (JsonObject)JsonNode.Parse(reader.GetString(5))!,
            RequestedProfile = reader.GetString(6),
            RequestedAdapter = reader.GetString(7),
            CreatedAt = reader.GetString(8),
            UpdatedAt = reader.GetString(9),
            MaxAttempts = reader.GetInt32(10),
            Status = reader.GetString(11),
            AttemptCount = reader.GetInt32(12),
            AvailableAt = reader.GetString(13),
        };
    }
}
