using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The GitHub and Discord bridges map the shipped fixtures to the spec's TaskInputs (spec §7.6).</summary>
public sealed class BridgeTests
{
    [Fact(Timeout = 120_000)]
    public async Task BridgeGithub_MergedPrFixture_QueuesTheGithubStoryTaskFieldByField()
    {
        using var runtime = new TestRuntime().InProcess().AddProfile("lumen").Save();
        var fixture = JsonNode.Parse(File.ReadAllText(Repo.Path_("fixtures", "github-pr-merged.json")))!.AsObject();

        var result = await runtime.RunAsync("bridge-github", "--file", Repo.Path_("fixtures", "github-pr-merged.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["queued", "bridge", "task_id", "profile"], result.Json.Select(p => p.Key));
        Assert.Equal("github", result.Json["bridge"]!.GetValue<string>());
        Assert.Equal("lumen", result.Json["profile"]!.GetValue<string>());
        var task = runtime.Task(result.Json["task_id"]!.GetValue<string>());
        Assert.Equal("github-story", task["kind"]);
        Assert.Equal("github-bridge", task["source"]);
        Assert.Equal(7L, task["priority"]);
        Assert.Equal("lumen", task["requested_profile"]);
        Assert.Equal("", task["requested_adapter"]);
        Assert.Null(task["subject"]);
        Assert.Equal("pending", task["status"]);
        Assert.Equal("pull_request.closed", fixture["event"]!.GetValue<string>());
        var payload = JsonNode.Parse((string)task["payload_json"]!)!.AsObject();
        Assert.Equal(["repository", "title", "number", "author", "url", "merged", "summary", "operator_question"], payload.Select(p => p.Key));
        Assert.Equal("aibtcdev/agent-runtime", payload["repository"]!.GetValue<string>());
        Assert.Equal("Extract shared runtime skeleton", payload["title"]!.GetValue<string>());
        Assert.Equal(7, payload["number"]!.GetValue<int>());
        Assert.Equal("arc0btc", payload["author"]!.GetValue<string>());
        Assert.Equal(fixture["url"]!.GetValue<string>(), payload["url"]!.GetValue<string>());
        Assert.True(payload["merged"]!.GetValue<bool>());
        Assert.Equal(fixture["summary"]!.GetValue<string>(), payload["summary"]!.GetValue<string>());
        Assert.Equal(fixture["operator_question"]!.GetValue<string>(), payload["operator_question"]!.GetValue<string>());
    }

    [Fact(Timeout = 120_000)]
    public async Task BridgeDiscord_MentionFixture_QueuesTheDiscordReplyTaskFieldByField()
    {
        using var runtime = new TestRuntime().InProcess().AddProfile("lumen").Save();
        var fixture = JsonNode.Parse(File.ReadAllText(Repo.Path_("fixtures", "discord-mention.json")))!.AsObject();

        var result = await runtime.RunAsync("bridge-discord", "--file", Repo.Path_("fixtures", "discord-mention.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("discord", result.Json["bridge"]!.GetValue<string>());
        var task = runtime.Task(result.Json["task_id"]!.GetValue<string>());
        Assert.Equal("discord-reply", task["kind"]);
        Assert.Equal("discord-bridge", task["source"]);
        Assert.Equal(6L, task["priority"]);
        Assert.Equal("lumen", task["requested_profile"]);
        Assert.Equal("discord.mention", fixture["event"]!.GetValue<string>());
        Assert.Equal(
            new JsonObject
            {
                ["channel"] = "community-updates",
                ["author"] = "whoabuddy",
                ["message"] = fixture["message"]!.GetValue<string>(),
                ["reply_style"] = "short",
                ["operator_goal"] = "Reply as Lumen with a concise, story-first explanation.",
            }.ToJsonString(),
            task["payload_json"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task BridgeDiscord_OptionalFieldsAbsent_TakeTheSpecDefaults()
    {
        using var runtime = new TestRuntime().InProcess().AddProfile("lumen").Save();
        runtime.Directory.Write("event.json", """{"event":"discord.mention","channel":"c","author":"a","message":"m"}""");

        var result = await runtime.RunAsync("bridge-discord", "--file", "event.json");

        Assert.Equal(
            """{"channel":"c","author":"a","message":"m","reply_style":"short","operator_goal":"Draft a concise Discord reply."}""",
            runtime.Task(result.Json["task_id"]!.GetValue<string>())["payload_json"]);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("bridge-github", """{"repository":"r","title":"t","author":"a","url":"u"}""", "number: expected a number, got nothing")]
    [InlineData("bridge-discord", """{"channel":"c","author":"a"}""", "message: expected a non-empty string, got nothing")]
    public async Task Bridge_RequiredFieldMissing_ExitsNonZeroNamingItAndQueuesNothing(string command, string json, string message)
    {
        using var runtime = new TestRuntime().InProcess().Save();
        runtime.Directory.Write("event.json", json);

        var result = await runtime.RunAsync(command, "--file", "event.json");
        var missingFile = await runtime.RunAsync(command);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Provide --file path/to/event.json", missingFile.Stderr, StringComparison.Ordinal);
        FlowAssert.NothingWritten(runtime);
    }
}
