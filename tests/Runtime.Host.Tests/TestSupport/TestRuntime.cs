using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// A runtime laid out in a temp directory: <c>config/runtime.json</c>, a profile, and state under
/// <c>state/</c>. Tests change <see cref="Config"/>, call <see cref="Save"/>, and run the CLI against it.
/// </summary>
internal sealed partial class TestRuntime : IDisposable
{
    public TestRuntime()
    {
        Directory = new TempDirectory();
        Config = new JsonObject
        {
            ["runtimeName"] = "test-agent",
            ["runtimePolicy"] = "You are a test runtime.",
            ["stateDir"] = "../state",
            ["logDir"] = "../state/logs",
            ["artifactDir"] = "../state/artifacts",
            ["dbPath"] = "../state/runtime.db",
            ["lockPath"] = "../state/dispatch.lock",
            ["defaultProfile"] = "tester",
            ["defaultAdapter"] = "script-ok",
            ["maxAttempts"] = 2,
            ["retryBackoffSeconds"] = 1,
            ["profiles"] = new JsonObject { ["tester"] = "../profiles/tester/profile.json" },
            ["adapters"] = new JsonObject(),
        };
        Directory.Write("profiles/tester/profile.json", """
            {
              "profile_id": "tester",
              "style": "codex-like",
              "role": "Test operator",
              "system_prompt_parts": ["Do what the task says."],
              "skills": ["testing"],
              "default_adapter": "script-ok",
              "context_policy": { "max_prompt_chars": 16000 }
            }
            """);
    }

    public TempDirectory Directory { get; }

    public JsonObject Config { get; }

    public string ConfigPath => Directory.Combine("config", "runtime.json");

    public string StateDir => Directory.Combine("state");

    public string ArtifactDir => Directory.Combine("state", "artifacts");

    public string DbPath => Directory.Combine("state", "runtime.db");

    public JsonObject Adapters => (JsonObject)Config["adapters"]!;

    /// <summary>Adds a script adapter running an executable written into <c>bin/</c>.</summary>
    public string AddScriptAdapter(string id, string scriptBody, int timeoutMs = 10000, JsonObject? extra = null)
    {
        var path = Directory.WriteExecutable($"bin/{id}.sh", "#!/bin/sh\n" + scriptBody + "\n");
        var adapter = new JsonObject { ["mode"] = "script", ["command"] = $"../bin/{id}.sh", ["timeoutMs"] = timeoutMs };
        foreach (var (key, value) in extra ?? [])
        {
            adapter[key] = value?.DeepClone();
        }

        Adapters[id] = adapter;
        return path;
    }

    /// <summary>Points the runtime at a private plugins directory holding Script and the test EchoPlugin (kind <c>echo</c>).</summary>
    public void UseEchoPlugin()
    {
        var echo = TestPlugins.Output("EchoPlugin");
        var pluginsDir = Directory.Combine("plugins");
        TestPlugins.DropFirstParty(pluginsDir, "Script");
        TestPlugins.Drop(echo, pluginsDir, "EchoPlugin");
        Config["plugins"] = new JsonObject { ["directory"] = "../plugins" };
    }

    /// <summary>Queues a task through the CLI and returns its id.</summary>
    public async Task<string> IntakeAsync(string taskJson)
    {
        var result = await RunAsync("intake", "--json", taskJson);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"intake failed: {result}");
        }

        return result.Json["task_id"]!.GetValue<string>();
    }

    public Dictionary<string, object?> Task(string taskId) =>
        TestDb.Query(DbPath, "SELECT * FROM tasks WHERE task_id = $id", ("$id", taskId)).Single();

    public List<Dictionary<string, object?>> Attempts(string taskId) =>
        TestDb.Query(DbPath, "SELECT * FROM task_attempts WHERE task_id = $id ORDER BY rowid", ("$id", taskId));

    /// <summary>Configures one more profile, a copy of <c>tester</c> under <paramref name="id"/> (the bridges queue for <c>lumen</c>).</summary>
    public TestRuntime AddProfile(string id)
    {
        var tester = JsonNode.Parse(File.ReadAllText(Directory.Combine("profiles", "tester", "profile.json")))!.AsObject();
        tester["profile_id"] = id;
        Directory.Write($"profiles/{id}/profile.json", tester.ToJsonString());
        ((JsonObject)Config["profiles"]!)[id] = $"../profiles/{id}/profile.json";
        return this;
    }

    public TestRuntime Save()
    {
        var written = Config.DeepClone().AsObject();
        PrepareConfig(written);
        Directory.Write("config/runtime.json", written.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return this;
    }

    public Task<CliResult> RunAsync(params string[] args)
    {
        Task<CliResult>? inProcess = null;
        RunInProcess([.. args, "--config", ConfigPath], ref inProcess);
        return inProcess ?? HostCli.RunAsync(Directory.Path, [.. args, "--config", ConfigPath], null, null);
    }

    public Task<CliResult> RunAsync(IDictionary<string, string> env, params string[] args)
    {
        RequireProcess();
        return HostCli.RunAsync(Directory.Path, [.. args, "--config", ConfigPath], env, null);
    }

    public void Dispose() => Directory.Dispose();

    // The in-process mode lives in TestRuntime.InProcess.cs, in the host tests only (Plugins.Tests
    // links this file but not the host); without it these hooks compile to nothing.
    partial void PrepareConfig(JsonObject written);

    partial void RunInProcess(string[] args, ref Task<CliResult>? run);

    partial void RequireProcess();
}
