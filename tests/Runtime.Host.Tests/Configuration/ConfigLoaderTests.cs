using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private const string BaseConfig = """
        {
          "runtimeName": "base-agent",
          "runtimePolicy": "policy",
          "stateDir": "./state",
          "logDir": "./state/logs",
          "artifactDir": "./state/artifacts",
          "dbPath": "./state/runtime.db",
          "lockPath": "./state/dispatch.lock",
          "defaultProfile": "p1",
          "defaultAdapter": "a1",
          "maxAttempts": 3,
          "retryBackoffSeconds": 60,
          "profiles": { "p1": "profiles/p1.json", "p2": "profiles/p2.json" },
          "adapters": {
            "a1": { "mode": "script", "command": "./bin/a1.sh", "timeoutMs": 1000, "envFile": "a1.env" },
            "a2": { "mode": "agent-cli", "driver": "codex", "command": "codex", "timeoutMs": 1000 },
            "a3": { "mode": "ollama-generate", "endpoint": "http://127.0.0.1:11434", "model": "m", "timeoutMs": 1000 }
          },
          "plugins": { "directory": "./plugins", "disabled": [] },
          "substrate": { "enabled": false, "slotId": "base", "kinds": ["x"] }
        }
        """;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_RelativePaths_ResolveAgainstDeclaringFile()
    {
        var path = _dir.Write("deploy/agent/runtime.json", BaseConfig);
        var config = ConfigLoader.Load(path, "/");
        var root = _dir.Combine("deploy", "agent");
        Assert.Equal(Path.Combine(root, "state"), config.StateDir);
        Assert.Equal(Path.Combine(root, "state", "runtime.db"), config.DbPath);
        Assert.Equal(Path.Combine(root, "profiles", "p1.json"), config.FindProfilePath("p1"));
        var a1 = config.FindAdapter("a1")!;
        Assert.Equal(Path.Combine(root, "bin", "a1.sh"), a1.Settings.GetString("command"));
        Assert.Equal(root, a1.Settings.GetString("workingDir"));
        Assert.Equal(Path.Combine(root, "a1.env"), a1.Settings.GetString("envFile"));
        // A bare command stays bare (PATH lookup at run time); ollama adapters are untouched.
        Assert.Equal("codex", config.FindAdapter("a2")!.Settings.GetString("command"));
        Assert.Null(config.FindAdapter("a3")!.Settings.GetString("workingDir"));
        Assert.Equal(Path.Combine(root, "plugins"), config.Plugins.Directory);
        Assert.True(Directory.Exists(config.LogDir));
        Assert.True(Directory.Exists(config.ArtifactDir));
    }

    [Fact]
    public void Load_ConcurrencySettings_DefaultToOneAtATimeAndReadWhenGiven()
    {
        var defaults = ConfigLoader.Load(_dir.Write("a/runtime.json", BaseConfig), "/");
        Assert.Equal(1, defaults.MaxConcurrentAttempts);
        Assert.Null(defaults.FindAdapter("a1")!.MaxConcurrent);

        var set = BaseConfig
            .Replace("\"maxAttempts\": 3,", "\"maxAttempts\": 3, \"maxConcurrentAttempts\": 4,", StringComparison.Ordinal)
            .Replace("\"timeoutMs\": 1000, \"envFile\"", "\"timeoutMs\": 1000, \"maxConcurrent\": 2, \"envFile\"", StringComparison.Ordinal);
        var config = ConfigLoader.Load(_dir.Write("b/runtime.json", set), "/");
        Assert.Equal(4, config.MaxConcurrentAttempts);
        Assert.Equal(2, config.FindAdapter("a1")!.MaxConcurrent);
        Assert.Null(config.FindAdapter("a2")!.MaxConcurrent);
    }

    [Fact]
    public void Load_ExtendsChain_MergesPerSpecRules()
    {
        _dir.Write("base/runtime.json", BaseConfig);
        _dir.Write("mid/runtime.json", """
            {
              "extends": "../base/runtime.json",
              "runtimeName": "mid-agent",
              "profiles": { "p2": "other/p2.json", "p3": "p3.json" },
              "adapters": { "a2": { "mode": "agent-cli", "driver": "hermes-agent", "command": "./hermes", "timeoutMs": 5000 }, "a4": { "mode": "script", "command": "x" } },
              "substrate": { "enabled": true }
            }
            """);
        var host = _dir.Write("host/override.json", """
            { "extends": "../mid/runtime.json", "defaultAdapter": "a4", "plugins": { "disabled": ["Hermes"] } }
            """);

        var config = ConfigLoader.Load(host, "/");

        Assert.Equal("mid-agent", config.RuntimeName);
        Assert.Equal("a4", config.DefaultAdapter);
        Assert.Equal("policy", config.RuntimePolicy);
        // profiles: union per key, child path wins, anchored to the child's directory.
        Assert.Equal(["p1", "p2", "p3"], config.Profiles.Select(p => p.Key));
        Assert.Equal(_dir.Combine("base", "profiles", "p1.json"), config.FindProfilePath("p1"));
        Assert.Equal(_dir.Combine("mid", "other", "p2.json"), config.FindProfilePath("p2"));
        // adapters: whole-object replacement, replaced id keeps the parent's position, new ids follow.
        Assert.Equal(["a1", "a2", "a3", "a4"], config.Adapters.Select(a => a.Id));
        var a2 = config.FindAdapter("a2")!;
        Assert.Equal("hermes-agent", a2.Driver);
        Assert.Equal(_dir.Combine("mid", "hermes"), a2.Settings.GetString("command"));
        Assert.Equal(_dir.Combine("mid", "runtime.json"), a2.DeclaringFile);
        Assert.Equal(_dir.Combine("base", "runtime.json"), config.FindAdapter("a1")!.DeclaringFile);
        // substrate: shallow replace — the child's block wins whole.
        Assert.True(config.Substrate!.GetBool("enabled"));
        Assert.Null(config.Substrate!.GetString("slotId"));
        // plugins: per field, so the override keeps the base directory and adds the disabled list.
        Assert.Equal(_dir.Combine("base", "plugins"), config.Plugins.Directory);
        Assert.Equal(["Hermes"], config.Plugins.Disabled);
        Assert.False(config.Plugins.IsEnabled("Hermes"));
        Assert.True(config.Plugins.IsEnabled("Codex"));
    }

    [Fact]
    public void Load_ExtendsCycle_NamesTheFile()
    {
        _dir.Write("a.json", """{ "extends": "b.json" }""");
        var b = _dir.Write("b.json", """{ "extends": "a.json" }""");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(_dir.Combine("a.json"), "/"));
        Assert.Equal($"Config extends cycle detected at {_dir.Combine("a.json")}", error.Message);
        Assert.NotNull(b);
    }

    [Fact]
    public void Load_MissingFile_TellsToCopyTheExample()
    {
        var missing = _dir.Combine("config", "runtime.json");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load("config/runtime.json", _dir.Path));
        Assert.Equal($"Config not found: {missing}. Copy config/runtime.example.json to config/runtime.json first.", error.Message);
    }

    [Fact]
    public void Load_MissingParent_NamesTheParent()
    {
        var child = _dir.Write("child.json", """{ "extends": "/nowhere/base.json" }""");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(child, "/"));
        Assert.StartsWith("Config not found: /nowhere/base.json.", error.Message);
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile()
    {
        var path = _dir.Write("runtime.json", "{ \"runtimeName\": ");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, "/"));
        Assert.StartsWith($"Invalid config {path}: not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("""{ "maxAttempts": "3" }""", "$.maxAttempts: expected a number, got a string")]
    [InlineData("""{ "runtimeName": 7 }""", "$.runtimeName: expected a string, got a number")]
    [InlineData("""{ "profiles": [] }""", "$.profiles: expected an object mapping profile ids to profile.json paths, got an array")]
    [InlineData("""{ "profiles": { "p": 1 } }""", "$.profiles.p: expected a path string to a profile.json, got a number")]
    [InlineData("""{ "adapters": { "x": "script" } }""", "$.adapters.x: expected an adapter object with a \"mode\", got a string")]
    [InlineData("""{ "adapters": { "x": { "mode": "script", "timeoutMs": "10s" } } }""", "$.adapters.x.timeoutMs: expected a number of milliseconds, got a string")]
    [InlineData("""{ "adapters": { "x": { "mode": "script", "extraArgs": ["a", 2] } } }""", "$.adapters.x.extraArgs[1]: expected a string, got a number")]
    [InlineData("""{ "adapters": { "x": { "mode": "script", "env": { "A": true } } } }""", "$.adapters.x.env.A: expected a string, got a boolean")]
    [InlineData("""{ "plugins": { "disabled": "Hermes" } }""", "$.plugins.disabled: expected an array of plugin names, got a string")]
    [InlineData("""{ "maxConcurrentAttempts": 0 }""", "$.maxConcurrentAttempts: expected an integer of at least 1, got 0")]
    [InlineData("""{ "maxConcurrentAttempts": 2.5 }""", "$.maxConcurrentAttempts: expected an integer of at least 1, got 2.5")]
    [InlineData("""{ "maxConcurrentAttempts": "4" }""", "$.maxConcurrentAttempts: expected an integer of at least 1, got a string")]
    [InlineData("""{ "adapters": { "x": { "mode": "script", "maxConcurrent": -1 } } }""", "$.adapters.x.maxConcurrent: expected an integer of at least 1, got -1")]
    public void Load_WrongTypes_NameFileJsonPathAndExpectation(string json, string expected)
    {
        var path = _dir.Write("bad.json", json);
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, "/"));
        Assert.Equal($"Invalid config {path}: {expected}", error.Message);
    }

    [Fact]
    public void Load_WrongTypeInParent_NamesTheParentFile()
    {
        var parent = _dir.Write("base.json", """{ "retryBackoffSeconds": "soon" }""");
        var child = _dir.Write("child.json", """{ "extends": "base.json" }""");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(child, "/"));
        Assert.Equal($"Invalid config {parent}: $.retryBackoffSeconds: expected a number, got a string", error.Message);
    }

    [Fact]
    public void Load_MissingProfilesOrAdapters_IsInvalidRuntimeConfig()
    {
        var path = _dir.Write("runtime.json", """{ "stateDir": "s", "logDir": "l", "artifactDir": "a", "dbPath": "d", "lockPath": "k", "profiles": {} }""");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, "/"));
        Assert.StartsWith($"Invalid runtime config: {path}", error.Message);
    }

    [Fact]
    public void Load_AdapterMissingCommand_LoadsAndLeavesItToHealthcheck()
    {
        var path = _dir.Write("runtime.json", BaseConfig.Replace("\"command\": \"./bin/a1.sh\", ", "", StringComparison.Ordinal));
        var config = ConfigLoader.Load(path, "/");
        Assert.Null(config.FindAdapter("a1")!.Settings.GetString("command"));
    }
}
