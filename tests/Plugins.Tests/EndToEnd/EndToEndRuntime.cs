using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Plugins.Tests.TestSupport;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>
/// A <see cref="TestRuntime"/> with one model-backed adapter (<see cref="AdapterId"/>) as its default,
/// served by the first-party plugins the host build lays out; every cycle is the built host's
/// <c>run-once</c> in a separate process. An agent-cli adapter env carries <see cref="Marker"/>, so
/// any process of its tree left running afterwards can be found in <c>/proc</c>.
/// </summary>
internal sealed class EndToEndRuntime : IDisposable
{
    public const string AdapterId = "model";

    public const string Goal = "Reply with the canonical outcome JSON only.";

    public const string MarkerName = "AGENT_RUNTIME_E2E_MARKER";

    private readonly TestRuntime _runtime = new();

    public EndToEndRuntime() => Directory.CreateDirectory(WorkDirectory);

    public string Marker { get; } = $"{Guid.NewGuid():N}";

    /// <summary>Installs <paramref name="adapter"/> as the runtime's only adapter (and the profile's default), marking its env.</summary>
    public EndToEndRuntime Use(JsonObject adapter)
    {
        if (adapter["env"] is JsonObject env)
        {
            env[MarkerName] = Marker;
        }

        _runtime.Adapters[AdapterId] = adapter;
        _runtime.Config["defaultAdapter"] = AdapterId;
        var profile = JsonNode.Parse(File.ReadAllText(ProfilePath))!.AsObject();
        profile["default_adapter"] = AdapterId;
        File.WriteAllText(ProfilePath, profile.ToJsonString());
        return this;
    }

    public TestRuntime Runtime => _runtime;

    public JsonObject Adapter => (JsonObject)_runtime.Adapters[AdapterId]!;

    public string Root => _runtime.Directory.Path;

    /// <summary>The adapter's <c>workingDir</c>.</summary>
    public string WorkDirectory => _runtime.Directory.Combine("work");

    public string DbPath => _runtime.DbPath;

    public string StateDir => _runtime.StateDir;

    private string ProfilePath => _runtime.Directory.Combine("profiles", "tester", "profile.json");

    public Task<string> IntakeAsync()
    {
        _runtime.Save();
        var task = new JsonObject
        {
            ["kind"] = "e2e", ["source"] = "e2e", ["subject"] = "End-to-end check", ["description"] = Goal,
            ["payload"] = new JsonObject { ["goal"] = Goal },
        };
        return _runtime.IntakeAsync(task.ToJsonString());
    }

    public async Task<CycleRun> RunOnceAsync(IDictionary<string, string>? hostEnv = null)
    {
        _runtime.Save();
        var started = TimeProvider.System.GetUtcNow();
        var cli = await _runtime.RunAsync(hostEnv ?? new Dictionary<string, string>(), "run-once");
        var run = new CycleRun(cli, started, TimeProvider.System.GetUtcNow());
        Assert.True(cli.ExitCode == 0, run.ToString());
        return run;
    }

    public Dictionary<string, object?> Task(string taskId) => _runtime.Task(taskId);

    public List<Dictionary<string, object?>> Attempts(string taskId) => _runtime.Attempts(taskId);

    public string AuditDirectory(string taskId, string attemptId) => Path.Combine(_runtime.ArtifactDir, "adapter-runs", taskId, attemptId);

    public string AuditFile(string taskId, string attemptId, string name) => Path.Combine(AuditDirectory(taskId, attemptId), name);

    public JsonObject Invocation(string taskId, string attemptId) =>
        JsonNode.Parse(File.ReadAllText(AuditFile(taskId, attemptId, "invocation.json")))!.AsObject();

    /// <summary>Processes still carrying this runtime's marker, after giving a dying tree a moment to go.</summary>
    public async Task<IReadOnlyList<int>> SurvivorsAsync()
    {
        var needle = $"{MarkerName}={Marker}";
        for (var i = 0; i < 10; i++)
        {
            if (Processes.WithEnvironmentMarker(needle).Count == 0)
            {
                return [];
            }

            await System.Threading.Tasks.Task.Delay(200);
        }

        return Processes.WithEnvironmentMarker(needle);
    }

    public void Dispose()
    {
        foreach (var pid in Processes.WithEnvironmentMarker($"{MarkerName}={Marker}"))
        {
            Processes.Kill(pid);
        }

        _runtime.Dispose();
    }
}
