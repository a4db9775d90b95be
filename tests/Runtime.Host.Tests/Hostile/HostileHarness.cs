using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>
/// One prepared runtime (workflows, a schedule, a sensor event, an ended task, a snapshot) with its
/// web server, against which hostile cases run one after another in process: each case's outcome
/// is judged, and the state directory is hashed after it to prove that nothing changed.
/// </summary>
internal sealed class HostileHarness : IAsyncDisposable
{
    private readonly TestRuntime _runtime;
    private readonly WebServerFixture _web;
    private SortedDictionary<string, string> _state;

    private HostileHarness(TestRuntime runtime, WebServerFixture web, HostileContext context)
    {
        _runtime = runtime;
        _web = web;
        Context = context;
        _state = StateHash.Of(runtime.StateDir);
    }

    public HostileContext Context { get; }

    public static async Task<HostileHarness> StartAsync()
    {
        var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo ok");

        // The bridges queue for lumen: without it every bridge case would be refused for its profile alone.
        runtime.AddProfile("lumen").Save();
        await Must(runtime, "workflow-create", "--template", "goal-loop", "--instance_key", "hostile-active", "--context", """{"summary":"S","objective":"O"}""");
        await Must(runtime, "workflow-create", "--template", "community-research", "--instance_key", "hostile-done");
        await Must(runtime, "workflow-complete", "--id", $"{HostileContext.CompletedWorkflowId}");
        var ended = (await Must(runtime, "intake", "--json", """{"kind":"k","source":"s","payload":{}}""")).Json["task_id"]!.GetValue<string>();
        await Must(runtime, "cancel", "--task", ended);
        await Must(runtime, "schedule-create", "--json", """{"name":"hostile-base","interval_seconds":3600,"next_run_at":"2099-01-01T00:00:00.000Z","task":{"kind":"k","payload":{}}}""");
        await Must(runtime, "sensor-event", "--json", """{"sensor_id":"s","event_id":"base","source_ref":"r","dedupe_key":"base","payload":{}}""");
        var snapshotPath = (await Must(runtime, "snapshot", "--label", "base")).Json["snapshotPath"]!.GetValue<string>();
        var snapshot = JsonNode.Parse(File.ReadAllText(snapshotPath))!.AsObject();
        runtime.Directory.Write("inputs/snapshot.json", snapshot.ToJsonString());
        runtime.Directory.Write("inputs/github.json", HostileSeeds.GitHub.Valid.ToJsonString());
        runtime.Directory.Write("inputs/discord.json", HostileSeeds.Discord.Valid.ToJsonString());
        runtime.Directory.Write("inputs/backlog.json", HostileSeeds.Backlog.Valid.ToJsonString());
        runtime.Directory.Write(HostileContext.NotADatabase, "notes, not a database\n");

        var config = JsonNode.Parse(File.ReadAllText(runtime.ConfigPath))!.AsObject();
        var profile = JsonNode.Parse(File.ReadAllText(runtime.Directory.Combine("profiles", "tester", "profile.json")))!.AsObject();
        runtime.Directory.Write(HostileContext.HostileProfilePath, profile.ToJsonString());
        WriteProfileConfig(runtime, config, HostileContext.ProfileConfigPath, "../" + HostileContext.HostileProfilePath);
        WriteProfileConfig(runtime, config, "config/profile-hostile-dir.json", "../profiles/hostile-dir");
        WriteProfileConfig(runtime, config, "config/profile-hostile-loop.json", "../profiles/hostile-loop.json");
        Directory.CreateDirectory(runtime.Directory.Combine("profiles", "hostile-dir"));
        File.CreateSymbolicLink(runtime.Directory.Combine("profiles", "hostile-loop.json"), runtime.Directory.Combine("profiles", "hostile-loop.json"));

        // The cases are only meaningful if the untouched inputs pass.
        await Must(runtime, "healthcheck");
        var profileHealth = await InProcessCli.RunAsync(runtime.Directory.Path, ["healthcheck", "--config", HostileContext.ProfileConfigPath], runtime.Clock!);
        Xunit.Assert.True(profileHealth.ExitCode == 0, profileHealth.ToString());

        var web = await WebServerFixture.StartAsync(runtime);
        var state = await web.GetAsync("/api/state");
        Xunit.Assert.True((int)state.Status == 200, state.ToString());
        return new HostileHarness(runtime, web, new HostileContext(config, profile, snapshot, ended));
    }

    public async Task RunAsync(HostileCase hostile, HostileFigures figures)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        ArgumentNullException.ThrowIfNull(figures);
        foreach (var (path, content) in hostile.Files)
        {
            var full = _runtime.Directory.Combine(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, content);
        }

        var (crash, acceptance, message) = hostile.Route is null ? await RunCliAsync(hostile) : await PostAsync(hostile);
        var after = StateHash.Of(_runtime.StateDir);
        var diff = StateHash.Diff(_state, after);
        _state = after;
        figures.Count(hostile, crash, acceptance, message, diff.Length == 0 ? null : $"state changed: {diff}");
    }

    private async Task<(string? Crash, string? Acceptance, string? Message)> RunCliAsync(HostileCase hostile)
    {
        var result = await InProcessCli.RunAsync(
            _runtime.Directory.Path,
            [.. hostile.Args, "--config", hostile.ConfigPath ?? _runtime.ConfigPath],
            _runtime.Clock!,
            TimeSpan.FromSeconds(30));
        var summary = $"exit {result.ExitCode}: {Shorten(result.Stderr)}";
        if (Refusal.IsCrash(result) || result.ExitCode is not (0 or 1 or 2))
        {
            return ($"crash ({summary})", null, null);
        }

        if (result.ExitCode == 0)
        {
            return (null, hostile.MustRefuse ? $"accepted ({Shorten(result.Stdout)})" : null, null);
        }

        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var clean = result.ExitCode == 2
            ? lines.Length > 0
            : hostile.ReportsOnStdout
                ? result.Stdout.Length > 0 || (lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal))
                : lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal) && result.Stdout.Length == 0;
        return (null, null, clean ? null : $"message ({summary})");
    }

    private async Task<(string? Crash, string? Acceptance, string? Message)> PostAsync(HostileCase hostile)
    {
        using var content = new ByteArrayContent(hostile.Body ?? []);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _web.Client.PostAsync(new Uri(hostile.Route!, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return ($"crash ({status} {Shorten(body)})", null, null);
        }

        if (status < 400)
        {
            return (null, $"accepted ({status} {Shorten(body)})", null);
        }

        var error = TryError(body);
        return (null, null, error is { Length: > 0 } && !error.Contains("Exception", StringComparison.Ordinal) ? null : $"message ({status} {Shorten(body)})");
    }

    private static string? TryError(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject obj && obj["error"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void WriteProfileConfig(TestRuntime runtime, JsonObject config, string path, string profilePath)
    {
        var copy = config.DeepClone().AsObject();
        copy["profiles"] = new JsonObject { ["tester"] = profilePath };
        runtime.Directory.Write(path, copy.ToJsonString());
    }

    private static async Task<CliResult> Must(TestRuntime runtime, params string[] args)
    {
        var result = await runtime.RunAsync(args);
        Xunit.Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        return result;
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        _runtime.Dispose();
    }
}
