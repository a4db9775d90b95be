using System.Diagnostics;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Deploy;

/// <summary>
/// The folder scripts/publish.sh makes, as an operator runs it: <c>agent-runtime</c> (Native AOT)
/// runs the plugin-free commands itself and hands the others to <c>agent-runtime-host</c>, which
/// loads the plugins under <c>plugins/</c>. The folder is published once for the class.
/// </summary>
public sealed class PublishScriptTests(PublishedFolder published) : IClassFixture<PublishedFolder>
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 60_000)]
    public async Task PublishScript_WithoutADirectory_PrintsUsageAndExits2()
    {
        var usage = await PublishedFolder.RunAsync(Repo.Root, "bash", [Repo.Path_("scripts", "publish.sh")], CommandLimit);

        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("usage: scripts/publish.sh <dir>", usage.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task PublishedFolder_EntryPoint_RunsStatusAndLoadsItsOwnPlugins()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Save();

        var status = await RunAsync(published.EntryPoint, runtime, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Empty(status.Json["counts"]!.AsArray());

        var adapters = await RunAsync(published.EntryPoint, runtime, "adapters");
        Assert.True(adapters.ExitCode == 0, adapters.ToString());
        var script = adapters.Json["adapters"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "script-ok")!;
        Assert.True(script["ok"]!.GetValue<bool>(), adapters.ToString());
        Assert.Equal(published.Combine("plugins", "Script", "Script.dll"), script["plugin"]!["path"]!.GetValue<string>());
        Assert.False(File.Exists(published.Combine("plugins", "Script", "Runtime.Sdk.dll")), "the host provides the SDK; a plugin's copy would split its type identity");
    }

    [Fact(Timeout = 180_000)]
    public async Task FrontEnd_WithoutItsPluginHost_RunsThePluginFreeCommandsItselfAndNamesTheHostForTheRest()
    {
        // The front end alone, with only the SQLite library it links at run time: no host, no plugins, no .NET assemblies.
        using var alone = new TempDirectory("agent-runtime-front-end");
        var frontEnd = alone.Combine("agent-runtime");
        File.Copy(published.EntryPoint, frontEnd);
        File.Copy(published.Combine("libe_sqlite3.so"), alone.Combine("libe_sqlite3.so"));
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Save();

        var intake = await RunOkAsync(frontEnd, runtime, "intake", "--json", """{"kind":"note","source":"test:front-end","subject":"one","payload":{}}""");
        var taskId = intake.Json["task_id"]!.GetValue<string>();
        var sensor = await RunOkAsync(frontEnd, runtime, "sensor-event", "--json", SensorEventTests.Event);
        Assert.True(sensor.Json["accepted"]!.GetValue<bool>(), sensor.ToString());
        Assert.False((await RunOkAsync(frontEnd, runtime, "sensor-event", "--json", SensorEventTests.Event)).Json["accepted"]!.GetValue<bool>());
        await RunOkAsync(frontEnd, runtime, "schedule-create", "--json", """{"name":"beat","interval_seconds":300,"task":{"kind":"heartbeat","source":"schedule:beat","payload":{}}}""");
        await RunOkAsync(frontEnd, runtime, "schedule-tick");
        await RunOkAsync(frontEnd, runtime, "workflow-create", "--template", "goal-loop", "--instance_key", "front-end-goal");
        var workflows = await RunOkAsync(frontEnd, runtime, "workflow-list");
        Assert.Contains("front-end-goal", workflows.Stdout, StringComparison.Ordinal);
        await RunOkAsync(frontEnd, runtime, "pause", "--reason", "front end");
        Assert.True(File.Exists(Path.Combine(runtime.StateDir, "dispatch.paused.json")));
        await RunOkAsync(frontEnd, runtime, "resume");
        var cancel = await RunOkAsync(frontEnd, runtime, "cancel", "--task", taskId);
        Assert.Equal("operator_canceled", cancel.Json["status"]!.GetValue<string>());

        var before = TestDb.Query(runtime.DbPath, "SELECT task_id, status FROM tasks ORDER BY task_id");
        Assert.Equal(3, before.Count);
        var runOnce = await RunAsync(frontEnd, runtime, "run-once");
        Assert.Equal(1, runOnce.ExitCode);
        Assert.Contains($"the plugin host {alone.Combine("agent-runtime-host")} is missing", runOnce.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, TestDb.Query(runtime.DbPath, "SELECT task_id, status FROM tasks ORDER BY task_id"));
    }

    [Fact(Timeout = 180_000)]
    public async Task FrontEnd_OnTheBunState_AnswersAsThePluginHostDoes()
    {
        using var bun = new BunFixture();
        Task<CliResult> Run(string cli, params string[] args) =>
            PublishedFolder.RunAsync(bun.Directory.Path, cli, [.. args, "--config", bun.ConfigPath], CommandLimit);
        var tasks = TestDb.Scalar(bun.DbPath, "SELECT COUNT(*) FROM tasks");

        foreach (var args in new[] { ["status"], ["workflow-list"], ["intake", "--json", """{"kind":"note"}"""], ["intake", "--no-such-flag"], new[] { "workflow-show", "--id", "99999" } })
        {
            var native = await Run(published.EntryPoint, args);
            var managed = await Run(published.PluginHost, args);
            Assert.True(native == managed, $"{string.Join(' ', args)}\nfront end: {native}\nplugin host: {managed}");
        }

        Assert.Equal(tasks, TestDb.Scalar(bun.DbPath, "SELECT COUNT(*) FROM tasks"));
    }

    [Fact(Timeout = 180_000)]
    public async Task FrontEnd_PluginCommand_BecomesThePluginHostInTheSameProcess()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo ok");
        runtime.Save();
        var start = new ProcessStartInfo(published.EntryPoint) { WorkingDirectory = runtime.Directory.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve", "--no-web", "--config", runtime.ConfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var serve = ChildProcess.StartInterruptible(start);
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            var line = await StartLine.ReadAsync(serve.StandardOutput, CommandLimit);
            Assert.True(line["ok"]!.GetValue<bool>(), line.ToJsonString());

            // The pid the front end started with now runs the managed host: exec, not a child process.
            Assert.Equal(published.PluginHost, new FileInfo($"/proc/{serve.Id}/exe").ResolveLinkTarget(returnFinalTarget: true)!.FullName);
            await ChildProcess.SignalAsync(serve.Id, "TERM");
            using var wait = new CancellationTokenSource(CommandLimit);
            await serve.WaitForExitAsync(wait.Token);
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{await stderr}");
        }
        finally
        {
            ChildProcess.KillTree(serve);
        }
    }

    private static Task<CliResult> RunAsync(string cli, TestRuntime runtime, params string[] args) =>
        PublishedFolder.RunAsync(runtime.Directory.Path, cli, [.. args, "--config", runtime.ConfigPath], CommandLimit);

    private static async Task<CliResult> RunOkAsync(string cli, TestRuntime runtime, params string[] args)
    {
        var result = await RunAsync(cli, runtime, args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        return result;
    }
}
