using System.Net;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Every POST route reads its body through the same strict reader as the CLI: a repeated key or a lone surrogate is a 400 naming it, and nothing is written.</summary>
public sealed class WebBodyTests
{
    public static TheoryData<string, string> Routes => new()
    {
        { "/api/pause", """{"paused":true,"paused":false}""" },
        { "/api/schedules", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{}},"name":"m"}""" },
        { "/api/schedules/tick", """{"at":"2026-01-01T00:00:00Z","at":"2027-01-01T00:00:00Z"}""" },
        { "/api/sensors/events", """{"sensor_id":"s","event_id":"e","source_ref":"r","dedupe_key":"d","payload":{"p":1,"p":2}}""" },
        { "/api/tasks/queue", """{"message":"hello","message":"again"}""" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Routes))]
    public async Task Post_DuplicateKeyInTheBody_400NamingTheKeyAndNothingWritten(string route, string body)
    {
        var (response, stateDiff) = await WebRefusal.PostAsync(route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("invalid JSON: duplicate key \"", response.Json["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", stateDiff);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_LoneSurrogateEscape_400()
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/tasks/queue", """{"message":"\ud83d"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("lone UTF-16 surrogate", response.Json["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"message":"m","priority":[]}""", "priority: expected an integer, got an array")]
    [InlineData("""{"message":"m","max_attempts":"3"}""", "max_attempts: expected a positive integer, got a string")]
    [InlineData("""{"message":"m","subject":7}""", "subject: expected a string, got a number")]
    [InlineData("""{"message":"m","skill_refs":"review"}""", "skill_refs: expected an array of strings, got a string")]
    public async Task Queue_OptionalFieldOfTheWrongType_400InsteadOfTheDefault(string body, string expected)
    {
        using var runtime = new TestRuntime().InProcess();
        await using var web = await WebServerFixture.StartAsync(runtime);

        var response = await web.PostAsync("/api/tasks/queue", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(expected, response.Json["error"]!.GetValue<string>());
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks"));
    }
}
