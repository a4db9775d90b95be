using System.Net;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Host.Web;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Tests.Web;

/// <summary>The token rule: loopback binds are open; any other bind needs the bearer token for every write, and will not start without one.</summary>
public sealed class TokenRuleTests
{
    private const string Token = "s3cret-token";

    public static TheoryData<string, string> Writes => new()
    {
        { "/api/pause", """{"paused":true}""" },
        { "/api/schedules", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{}}}""" },
        { "/api/schedules/tick", "{}" },
        { "/api/sensors/events", """{"sensor_id":"s","event_id":"e","observed_at":"2026-01-01T00:00:00.000Z","source_ref":"r","dedupe_key":"d","payload":{}}""" },
        { "/api/tasks/queue", """{"message":"hi"}""" },
        { "/api/tasks/some-id/cancel", "{}" },
    };

    [Theory(Timeout = 60000)]
    [MemberData(nameof(Writes))]
    public async Task Token_NonLoopbackBindWithoutOrWithAWrongToken_EveryWriteIs401WithABearerChallenge(string path, string body)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime, host: "0.0.0.0", token: Token);

        var missing = await web.PostAsync(path, body);
        var wrong = await web.PostAsync(path, body, token: "s3cret-tokem");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("authorization required: send Authorization: Bearer <token>", missing.Error);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("invalid token", wrong.Error);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events"));
    }

    [Fact(Timeout = 60000)]
    public async Task Token_NonLoopbackBindWithTheToken_WritesWorkAndReadsNeedNone()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime, host: "0.0.0.0", token: Token);

        var queued = await web.PostAsync("/api/tasks/queue", """{"message":"hi"}""", token: Token);
        var state = await web.GetAsync("/api/state");
        var tasks = await web.GetAsync("/api/tasks");
        var pause = await web.GetAsync("/api/pause");

        Assert.Equal(HttpStatusCode.Created, queued.Status);
        Assert.Equal(HttpStatusCode.OK, state.Status);
        Assert.Single(tasks.Json["tasks"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, pause.Status);
    }

    [Theory(Timeout = 60000)]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Token_LoopbackBind_WritesOpenEvenWithATokenConfigured(string host)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime, host: host, token: Token);

        var queued = await web.PostAsync("/api/tasks/queue", """{"message":"hi"}""");

        Assert.Equal(HttpStatusCode.Created, queued.Status);
    }

    [Fact(Timeout = 60000)]
    public async Task Token_NonLoopbackBindWithoutAToken_RefusesToStartSayingHowToSetOne()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Save();

        var refusal = await Assert.ThrowsAsync<WebServerException>(() => WebServer.StartAsync(WebServerFixture.Options(runtime, host: "0.0.0.0"), CancellationToken.None));

        Assert.Contains("AGENT_RUNTIME_WEB_TOKEN", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("web", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("tokenCredential", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-unauthenticated-writes", refusal.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Token_AllowUnauthenticatedWrites_NonLoopbackWritesOpenAsInTheReference()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime, host: "0.0.0.0", allowUnauthenticatedWrites: true);

        var paused = await web.PostAsync("/api/pause", """{"paused":true}""");

        Assert.Equal(HttpStatusCode.OK, paused.Status);
    }

    [Fact(Timeout = 60000)]
    public async Task Token_ConfigCredential_ResolvedThroughTheCredentialsSkillAndRequired()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Config["web"] = new System.Text.Json.Nodes.JsonObject { ["tokenCredential"] = "web/operator-token" };
        var home = runtime.Directory.Combine("home");
        runtime.Directory.Write("home/.claude/skills/skills-repo/credentials/credentials.ts", "// stands in for the credentials skill\n");
        runtime.Directory.Write("home/.env", "CREDENTIALS_PASSWORD=pw\n");
        var bun = runtime.Directory.WriteExecutable(
            "bin/fake-bun.sh",
            "#!/bin/sh\n[ \"$5\" = web/operator-token ] && echo '{\"value\":\"from-the-skill\"}' || exit 3\n");
        var options = WebServerFixture.Options(runtime, host: "0.0.0.0") with { Credentials = new CredentialResolver(home, bun, ProcessRunner.System) };
        await using var web = await WebServerFixture.StartAsync(runtime, options);

        var without = await web.PostAsync("/api/pause", """{"paused":true}""");
        var with = await web.PostAsync("/api/pause", """{"paused":true}""", token: "from-the-skill");

        Assert.Equal(HttpStatusCode.Unauthorized, without.Status);
        Assert.Equal(HttpStatusCode.OK, with.Status);
    }

    [Fact(Timeout = 60000)]
    public async Task Config_WebTokenCredentialNotAString_IsAConfigErrorNamingTheField()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.Config["web"] = new System.Text.Json.Nodes.JsonObject { ["tokenCredential"] = 42 };
        runtime.Save();

        var result = await runtime.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.web.tokenCredential", result.Stderr, StringComparison.Ordinal);
    }
}
