namespace AgentRuntime.Benchmarks;

/// <summary>A temporary runtime (config, profile, heartbeat script, state) for the run-once benchmark.</summary>
internal sealed class BenchmarkDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"agent-runtime-bench-{Guid.NewGuid():N}");

    public string DbPath => System.IO.Path.Combine(Path, "state", "runtime.db");

    /// <param name="dbPath">The database file; default a fresh one in this directory's <c>state/</c>.</param>
    /// <param name="maxConcurrentAttempts">Written only above 1, so a runtime without the key reads the config too.</param>
    public string WriteConfig(string dbPath = "./state/runtime.db", int maxConcurrentAttempts = 1)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "profiles"));
        File.WriteAllText(System.IO.Path.Combine(Path, "profiles", "bench.json"), """
            { "profile_id": "bench", "style": "codex-like", "role": "Benchmark", "system_prompt_parts": ["Run."], "skills": [], "default_adapter": "heartbeat" }
            """);
        var script = System.IO.Path.Combine(Path, "heartbeat.sh");
        File.WriteAllText(script, """
            #!/bin/sh
            echo '{"status":"completed","operator_summary":"heartbeat ok","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}'
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = System.IO.Path.Combine(Path, "runtime.json");
        File.WriteAllText(config, $$"""
            {
              "runtimeName": "bench", "runtimePolicy": "Benchmark runtime.",
              "stateDir": "./state", "logDir": "./state/logs", "artifactDir": "./state/artifacts",
              "dbPath": {{System.Text.Json.JsonSerializer.Serialize(dbPath)}}, "lockPath": "./state/dispatch.lock",
              "defaultProfile": "bench", "defaultAdapter": "heartbeat", "maxAttempts": 2, "retryBackoffSeconds": 60,{{(maxConcurrentAttempts > 1 ? $" \"maxConcurrentAttempts\": {maxConcurrentAttempts}," : "")}}
              "profiles": { "bench": "./profiles/bench.json" },
              "adapters": { "heartbeat": { "mode": "script", "command": "./heartbeat.sh", "timeoutMs": 10000 } }
            }
            """);
        return config;
    }

    /// <summary>Starts again from an empty state directory.</summary>
    public void Reset()
    {
        var state = System.IO.Path.Combine(Path, "state");
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
