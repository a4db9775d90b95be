using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Cli;

public sealed class AdaptersCommandTests
{
    [Fact(Timeout = 120_000)]
    public async Task Adapters_HostOverrideDisablingHermes_ShowsHermesDisabledAndOthersByTheirChecks()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Adapters["hermes-main"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "hermes-agent", ["command"] = "/bin/sh", ["timeoutMs"] = 5000 };
        runtime.Adapters["codex-missing"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "codex", ["command"] = "no-such-codex-binary", ["timeoutMs"] = 5000, ["fallback_adapter"] = "script-ok" };
        runtime.Save();
        var hostOverride = runtime.Directory.Write("host/lumen.host.json", $$"""
            { "extends": "{{runtime.ConfigPath}}", "plugins": { "disabled": ["Hermes"] } }
            """);

        var before = await HostCli.RunAsync(runtime.Directory.Path, "adapters", "--config", runtime.ConfigPath);
        var hermesBefore = before.Json["adapters"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "hermes-main")!;
        Assert.True(hermesBefore["ok"]!.GetValue<bool>(), before.ToString());

        var result = await HostCli.RunAsync(runtime.Directory.Path, "adapters", "--config", hostOverride);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal("script-ok", json["defaultAdapter"]!.GetValue<string>());
        Assert.True(json["defaultOk"]!.GetValue<bool>());
        var byId = json["adapters"]!.AsArray().ToDictionary(a => a!["id"]!.GetValue<string>(), a => a!.AsObject());
        Assert.Equal(["script-ok", "hermes-main", "codex-missing"], byId.Keys);

        var hermes = byId["hermes-main"];
        Assert.False(hermes["ok"]!.GetValue<bool>());
        Assert.Equal("plugin Hermes is disabled on this host", hermes["broken_reason"]!.GetValue<string>());
        Assert.False(hermes["plugin"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("Hermes", hermes["plugin"]!["name"]!.GetValue<string>());

        var script = byId["script-ok"];
        Assert.True(script["ok"]!.GetValue<bool>());
        Assert.True(script["isDefault"]!.GetValue<bool>());
        Assert.False(script.ContainsKey("broken_reason"));
        Assert.Equal(runtime.Directory.Combine("bin", "script-ok.sh"), script["detail"]!["command_path"]!.GetValue<string>());
        Assert.True(script["plugin"]!["enabled"]!.GetValue<bool>());

        var codex = byId["codex-missing"];
        Assert.False(codex["ok"]!.GetValue<bool>());
        Assert.Equal("script-ok", codex["fallback_adapter"]!.GetValue<string>());
        Assert.Equal("command not found: no-such-codex-binary", codex["broken_reason"]!.GetValue<string>());
        Assert.Equal("codex", codex["detail"]!["driver"]!.GetValue<string>());
        Assert.Null(codex["detail"]!["command_path"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Adapters_DefaultUnhealthy_ExitsOne()
    {
        using var runtime = new TestRuntime();
        runtime.Adapters["script-ok"] = new JsonObject { ["mode"] = "script", ["command"] = "./missing.sh", ["timeoutMs"] = 1000 };
        runtime.Save();
        var result = await runtime.RunAsync("adapters");
        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Json["defaultOk"]!.GetValue<bool>());
    }

    [Fact(Timeout = 120_000)]
    public async Task UnknownCommandOrFlag_PrintsUsageToStderr_ExitsNonZero()
    {
        using var dir = new TempDirectory();
        var unknown = await HostCli.RunAsync(dir.Path, "frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("", unknown.Stdout);
        Assert.Contains("Usage:", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("frobnicate", unknown.Stderr, StringComparison.Ordinal);

        var badFlag = await HostCli.RunAsync(dir.Path, "adapters", "--nope");
        Assert.Equal(2, badFlag.ExitCode);
        Assert.Equal("", badFlag.Stdout);
        Assert.Contains("--nope", badFlag.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task MissingConfig_TellsOperatorToCopyTheExample()
    {
        using var dir = new TempDirectory();
        var result = await HostCli.RunAsync(dir.Path, "adapters");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(
            $"Config not found: {Path.Combine(dir.Path, "config", "runtime.json")}. Copy config/runtime.example.json to config/runtime.json first.",
            result.Stderr,
            StringComparison.Ordinal);
    }
}
