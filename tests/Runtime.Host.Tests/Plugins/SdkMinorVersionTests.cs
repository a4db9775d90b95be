using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Plugins;

/// <summary>SDK 1.1 is additive: plugins judge their own settings, and a plugin built against 1.0 still loads and runs.</summary>
public sealed class SdkMinorVersionTests
{
    [Fact(Timeout = 300_000)]
    public async Task Healthcheck_ThirdPartyAgentCliDriverPlugin_PassesAndItsOwnChecksAreReported()
    {
        var acme = TestPlugins.Output("AcmeAgentPlugin");
        using var runtime = new TestRuntime();
        var pluginsDir = runtime.Directory.Combine("plugins");
        TestPlugins.DropFirstParty(pluginsDir, "Script");
        TestPlugins.Drop(acme, pluginsDir, "AcmeAgentPlugin");
        runtime.Config["plugins"] = new JsonObject { ["directory"] = "../plugins" };
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Adapters["acme"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "acme-agent", ["command"] = "/bin/sh", ["acmeFlavor"] = "plain" };
        runtime.Save();

        var healthy = await runtime.RunAsync("healthcheck");

        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        Assert.True(healthy.Json["ok"]!.GetValue<bool>());
        Assert.Empty(healthy.Json["configIssues"]!.AsArray());
        var check = healthy.Json["adapterChecks"]!.AsArray().Single(a => a!["adapterId"]!.GetValue<string>() == "acme")!;
        Assert.True(check["ok"]!.GetValue<bool>());
        Assert.Equal("acme-agent", check["detail"]!["driver"]!.GetValue<string>());

        // The host relays the plugin's own verdict on settings it knows nothing about.
        runtime.Adapters["acme"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "acme-agent", ["acmeFlavor"] = "sour" };
        runtime.Adapters["nobody"] = new JsonObject { ["mode"] = "agent-cli", ["driver"] = "nobody-agent", ["command"] = "/bin/sh" };
        runtime.Save();

        var unhealthy = await runtime.RunAsync("healthcheck");

        Assert.True(unhealthy.ExitCode == 1, unhealthy.ToString());
        Assert.Equal(
            [
                "acme-agent adapter command missing for acme",
                "acme-agent adapter acmeFlavor must be plain or spicy for acme",
                "unsupported agent-cli driver for nobody: nobody-agent",
            ],
            unhealthy.Json["configIssues"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact(Timeout = 300_000)]
    public async Task DropDll_PluginBuiltAgainstSdk10_LoadsPassesHealthcheckAndRuns()
    {
        var legacy = TestPlugins.Output("LegacyEchoPlugin");
        using var runtime = new TestRuntime();
        var pluginsDir = runtime.Directory.Combine("plugins");
        TestPlugins.DropFirstParty(pluginsDir, "Script");
        TestPlugins.Drop(legacy, pluginsDir, "LegacyEchoPlugin");
        runtime.Config["plugins"] = new JsonObject { ["directory"] = "../plugins" };
        runtime.Config["defaultAdapter"] = "echo-main";
        runtime.Adapters["echo-main"] = new JsonObject { ["mode"] = "echo", ["greeting"] = "hello" };
        runtime.Save();
        Assert.Equal(new Version(1, 0, 0, 0), SdkReference(Path.Combine(legacy, "LegacyEchoPlugin.dll")));

        var plugins = await runtime.RunAsync("plugins");
        Assert.True(plugins.ExitCode == 0, plugins.ToString());
        var entry = plugins.Json["plugins"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "LegacyEchoPlugin")!;
        Assert.True(entry["loaded"]!.GetValue<bool>(), plugins.ToString());

        var health = await runtime.RunAsync("healthcheck");
        Assert.True(health.ExitCode == 0, health.ToString());
        Assert.Empty(health.Json["configIssues"]!.AsArray());

        var taskId = await runtime.IntakeAsync("""{"kind":"github-story","source":"test","payload":{}}""");
        var run = await runtime.RunAsync("run-once");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("completed", run.Json["status"]!.GetValue<string>());
        Assert.Equal("echo", runtime.Attempts(taskId).Single()["adapter_kind"]);
    }

    /// <summary>The Runtime.Sdk version an assembly was compiled against, read from its metadata.</summary>
    private static Version? SdkReference(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .Where(r => metadata.GetString(r.Name) == "Runtime.Sdk")
            .Select(r => r.Version)
            .SingleOrDefault();
    }
}
