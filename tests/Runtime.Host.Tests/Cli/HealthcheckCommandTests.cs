using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Cli;

public sealed class HealthcheckCommandTests
{
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_ReportsEveryProblem_WithoutCrashing_AndExitsOne()
    {
        using var runtime = new TestRuntime();
        runtime.Config["runtimePolicy"] = " ";
        runtime.Config["retryBackoffSeconds"] = 0;
        var profiles = (JsonObject)runtime.Config["profiles"]!;
        profiles["ghost"] = "../profiles/ghost/profile.json";
        profiles["thin"] = "../profiles/thin/profile.json";
        runtime.Directory.Write("profiles/thin/profile.json", """{ "style": "x", "system_prompt_parts": [] }""");
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Adapters["no-command"] = new JsonObject { ["mode"] = "script", ["timeoutMs"] = 500, ["envFile"] = "./missing.env" };
        runtime.Adapters["ollama-bad"] = new JsonObject { ["mode"] = "ollama-generate", ["timeoutMs"] = 5000 };
        runtime.Adapters["codex-noprov"] = new JsonObject
        {
            ["mode"] = "agent-cli", ["driver"] = "codex", ["command"] = "/bin/sh", ["timeoutMs"] = 5000,
            ["providerBaseUrl"] = "http://127.0.0.1:1/v1", ["autonomy"] = "trusted-vm", ["envFile"] = "./codex.env",
        };
        runtime.Adapters["claude-trusted"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "claude-code", ["command"] = "missing-claude", ["timeoutMs"] = 5000, ["autonomy"] = "trusted-vm" };
        runtime.Adapters["weird"] = new JsonObject { ["timeoutMs"] = 5000 };
        runtime.Save();
        var configDir = runtime.Directory.Combine("config");

        var result = await runtime.RunAsync("healthcheck");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = result.Json;
        Assert.Equal(["ok", "configIssues", "profileChecks", "adapterChecks"], json.Select(p => p.Key));
        Assert.False(json["ok"]!.GetValue<bool>());
        Assert.Equal(
            [
                "runtimePolicy is required",
                "retryBackoffSeconds must be at least 1",
                $"profile file missing for ghost: {runtime.Directory.Combine("profiles", "ghost", "profile.json")}",
                "script command missing for no-command",
                "script adapter timeout too low for no-command",
                $"script adapter envFile missing for no-command: {Path.Combine(configDir, "missing.env")}",
                "adapter endpoint missing for ollama-bad",
                "adapter model missing for ollama-bad",
                "codex adapter model missing for codex-noprov",
                "claude-code trusted-vm adapter missing settingsFile for claude-trusted",
                "unsupported adapter mode for weird",
            ],
            json["configIssues"]!.AsArray().Select(n => n!.GetValue<string>()));

        var profileChecks = json["profileChecks"]!.AsArray().ToDictionary(p => p!["profileId"]!.GetValue<string>(), p => p!["issues"]!.AsArray().Select(i => i!.GetValue<string>()).ToList());
        Assert.Empty(profileChecks["tester"]);
        Assert.Equal([$"Profile file not found: {runtime.Directory.Combine("profiles", "ghost", "profile.json")}"], profileChecks["ghost"]);
        Assert.Equal(["profile_id is required", "profile <unknown> is missing role", "profile <unknown> has no system_prompt_parts", "profile <unknown> is missing default_adapter"], profileChecks["thin"]);

        var checks = json["adapterChecks"]!.AsArray().ToDictionary(a => a!["adapterId"]!.GetValue<string>(), a => a!.AsObject());
        Assert.True(checks["script-ok"]["ok"]!.GetValue<bool>());
        Assert.Equal(["command", "command_path", "env_file", "env_file_exists", "working_dir", "extra_args"], checks["script-ok"]["detail"]!.AsObject().Select(p => p.Key));
        var noCommand = checks["no-command"]["detail"]!.AsObject();
        Assert.False(checks["no-command"]["ok"]!.GetValue<bool>());
        Assert.Null(noCommand["command"]);
        Assert.Null(noCommand["command_path"]);
        Assert.False(noCommand["env_file_exists"]!.GetValue<bool>());

        var codex = checks["codex-noprov"];
        Assert.True(codex["ok"]!.GetValue<bool>());
        var codexDetail = codex["detail"]!.AsObject();
        Assert.Equal(
            ["driver", "command", "command_path", "env_file", "env_file_exists", "settings_file", "settings_file_exists", "model", "provider_base_url", "autonomy", "required_args"],
            codexDetail.Select(p => p.Key));
        Assert.Equal("codex", codexDetail["driver"]!.GetValue<string>());
        Assert.Equal("/bin/sh", codexDetail["command_path"]!.GetValue<string>());
        Assert.Equal(Path.Combine(configDir, "codex.env"), codexDetail["env_file"]!.GetValue<string>());
        Assert.False(codexDetail["env_file_exists"]!.GetValue<bool>());
        Assert.Null(codexDetail["settings_file"]);
        Assert.Null(codexDetail["settings_file_exists"]);
        Assert.Null(codexDetail["model"]);
        Assert.Equal("http://127.0.0.1:1/v1", codexDetail["provider_base_url"]!.GetValue<string>());
        Assert.Equal("trusted-vm", codexDetail["autonomy"]!.GetValue<string>());
        Assert.Equal(["--dangerously-bypass-approvals-and-sandbox"], codexDetail["required_args"]!.AsArray().Select(n => n!.GetValue<string>()));

        var claude = checks["claude-trusted"]["detail"]!.AsObject();
        Assert.False(checks["claude-trusted"]["ok"]!.GetValue<bool>());
        Assert.Equal(["--allow-dangerously-skip-permissions", "--dangerously-skip-permissions", "--permission-mode", "bypassPermissions"], claude["required_args"]!.AsArray().Select(n => n!.GetValue<string>()));

        Assert.False(checks["ollama-bad"]["ok"]!.GetValue<bool>());
        Assert.Equal(new JsonObject { ["error"] = "unsupported_adapter_mode", ["mode"] = null }.ToJsonString(), checks["weird"]["detail"]!.ToJsonString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_AllGood_ExitsZero()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Save();
        var result = await runtime.RunAsync("healthcheck");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json["ok"]!.GetValue<bool>());
        Assert.Empty(result.Json["configIssues"]!.AsArray());
    }

    [Fact(Timeout = 120_000)]
    public async Task AdaptersProbe_WalksFallbackChain_WithReasons()
    {
        using var runtime = new TestRuntime();
        var port = ClosedLoopbackPort();
        runtime.Config["defaultAdapter"] = "ollama-down";
        runtime.Adapters["ollama-down"] = new JsonObject
        {
            ["mode"] = "ollama-generate", ["endpoint"] = $"http://127.0.0.1:{port}/", ["model"] = "m", ["timeoutMs"] = 5000, ["fallback_adapter"] = "codex-missing",
        };
        runtime.Adapters["codex-missing"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "codex", ["command"] = "no-such-codex", ["timeoutMs"] = 5000, ["fallback_adapter"] = "script-ok" };
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Save();

        var result = await runtime.RunAsync("adapters", "--probe");

        Assert.True(result.ExitCode == 1, result.ToString()); // the default (ollama) is unhealthy
        var probe = result.Json["probe"]!.AsObject();
        Assert.Equal(["requested_adapter", "selected_adapter", "chain"], probe.Select(p => p.Key));
        Assert.Equal("ollama-down", probe["requested_adapter"]!.GetValue<string>());
        Assert.Equal("script-ok", probe["selected_adapter"]!.GetValue<string>());
        var chain = probe["chain"]!.AsArray();
        Assert.Equal(3, chain.Count);
        Assert.Equal(["adapterId", "ok", "reason"], chain[0]!.AsObject().Select(p => p.Key));
        Assert.Equal("ollama-down", chain[0]!["adapterId"]!.GetValue<string>());
        Assert.False(chain[0]!["ok"]!.GetValue<bool>());
        Assert.Contains("refused", chain[0]!["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("command not found: no-such-codex", chain[1]!["reason"]!.GetValue<string>());
        Assert.Equal(["adapterId", "ok"], chain[2]!.AsObject().Select(p => p.Key));
        Assert.True(chain[2]!["ok"]!.GetValue<bool>());
        var ollama = result.Json["adapters"]!.AsArray().First()!;
        Assert.Equal("codex-missing", ollama["fallback_adapter"]!.GetValue<string>());
        Assert.Contains("refused", ollama["broken_reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 120_000)]
    public async Task AdaptersProbe_CyclicChain_StopsAtRepeat_AndSelectsTheLastProbed()
    {
        using var runtime = new TestRuntime();
        runtime.Config["defaultAdapter"] = "x";
        runtime.Adapters["x"] = new JsonObject { ["mode"] = "script", ["command"] = "./no-x.sh", ["timeoutMs"] = 5000, ["fallback_adapter"] = "y" };
        runtime.Adapters["y"] = new JsonObject { ["mode"] = "script", ["command"] = "./no-y.sh", ["timeoutMs"] = 5000, ["fallback_adapter"] = "x" };
        runtime.Save();

        var result = await runtime.RunAsync("adapters", "--probe");

        var probe = result.Json["probe"]!.AsObject();
        Assert.Equal("y", probe["selected_adapter"]!.GetValue<string>());
        Assert.Equal(["x", "y"], probe["chain"]!.AsArray().Select(c => c!["adapterId"]!.GetValue<string>()));
    }
}
