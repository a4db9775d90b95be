using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Plugins;

public sealed class PluginLoadingTests
{
    [Fact(Timeout = 300_000)]
    public async Task DropDll_ThirdPartyPlugin_IsListedAndServesItsKind()
    {
        var echo = TestPlugins.Output("EchoPlugin");
        using var runtime = new TestRuntime();
        var pluginsDir = runtime.Directory.Combine("plugins");
        TestPlugins.DropFirstParty(pluginsDir, "Script");
        TestPlugins.Drop(echo, pluginsDir, "EchoPlugin");
        runtime.Config["plugins"] = new JsonObject { ["directory"] = "../plugins" };
        runtime.Config["defaultAdapter"] = "echo-main";
        runtime.Adapters["echo-main"] = new JsonObject { ["mode"] = "echo", ["greeting"] = "hello" };
        runtime.Save();

        var plugins = await runtime.RunAsync("plugins");
        Assert.True(plugins.ExitCode == 0, plugins.ToString());
        var listed = plugins.Json["plugins"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["EchoPlugin", "Script"], listed);
        var echoEntry = plugins.Json["plugins"]![0]!;
        Assert.Equal("3.1.4", echoEntry["version"]!.GetValue<string>());
        Assert.Equal("echo", echoEntry["kinds"]![0]!.GetValue<string>());

        var adapters = await runtime.RunAsync("adapters");
        Assert.True(adapters.ExitCode == 0, adapters.ToString());
        var entry = adapters.Json["adapters"]![0]!;
        Assert.Equal("echo-main", entry["id"]!.GetValue<string>());
        Assert.True(entry["ok"]!.GetValue<bool>());
        Assert.Equal("hello", entry["detail"]!["greeting"]!.GetValue<string>());
        Assert.Equal("EchoPlugin", entry["plugin"]!["name"]!.GetValue<string>());
        Assert.Equal(Path.Combine(pluginsDir, "EchoPlugin", "EchoPlugin.dll"), entry["plugin"]!["path"]!.GetValue<string>());

        // Usable: a task dispatched to the adapter entry runs through the dropped plugin.
        var taskId = await runtime.IntakeAsync("""{"kind":"github-story","source":"test","payload":{}}""");
        var run = await runtime.RunAsync("run-once");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("completed", run.Json["status"]!.GetValue<string>());
        Assert.StartsWith("hello: echoed task github-story", (string)System.Text.Json.Nodes.JsonNode.Parse((string)runtime.Task(taskId)["outcome_json"]!)!["operator_summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("echo", runtime.Attempts(taskId).Single()["adapter_kind"]);
    }

    [Fact(Timeout = 300_000)]
    public async Task LoadFailures_AreReported_AndOtherPluginsKeepWorking()
    {
        var future = TestPlugins.Output("FutureEchoPlugin");
        var dependent = TestPlugins.Output("DependentPlugin");
        using var runtime = new TestRuntime();
        var pluginsDir = runtime.Directory.Combine("plugins");
        TestPlugins.DropFirstParty(pluginsDir, "Script");
        runtime.Directory.Write("plugins/Corrupt/Corrupt.dll", "this is not an assembly");
        TestPlugins.Drop(dependent, pluginsDir, "DependentPlugin", except: "Newtonsoft.Json.dll");
        TestPlugins.Drop(future, pluginsDir, "FutureEchoPlugin");
        Directory.CreateDirectory(Path.Combine(pluginsDir, "Empty"));
        runtime.Config["plugins"] = new JsonObject { ["directory"] = "../plugins" };
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Adapters["future"] = new JsonObject { ["mode"] = "echo" };
        runtime.Save();

        var plugins = await runtime.RunAsync("plugins");
        Assert.Equal(1, plugins.ExitCode);
        var byName = plugins.Json["plugins"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!.AsObject());
        Assert.Contains("is not a valid .NET assembly", byName["Corrupt"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Newtonsoft.Json", byName["DependentPlugin"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            "built against SDK contract 2.x but this host speaks 1.x; rebuild the plugin against Runtime.Sdk 1.x",
            byName["FutureEchoPlugin"]["error"]!.GetValue<string>());
        Assert.Contains("has no Empty.dll", byName["Empty"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(byName["Script"]["loaded"]!.GetValue<bool>());

        var adapters = await runtime.RunAsync("adapters");
        Assert.True(adapters.ExitCode == 0, adapters.ToString());
        var byId = adapters.Json["adapters"]!.AsArray().ToDictionary(a => a!["id"]!.GetValue<string>(), a => a!.AsObject());
        Assert.True(byId["script-ok"]["ok"]!.GetValue<bool>());
        Assert.False(byId["future"]["ok"]!.GetValue<bool>());
        Assert.StartsWith("no loaded plugin serves adapter kind 'echo'", byId["future"]["broken_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("was not loaded", adapters.Stderr, StringComparison.Ordinal);
    }
}
