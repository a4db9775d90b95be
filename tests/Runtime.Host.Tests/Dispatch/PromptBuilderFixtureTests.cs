using AgentRuntime.Host.Dispatch.Prompting;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The prompt is byte-identical to what the Bun runtime sent (audit <c>assembled-context.txt</c> and bundle <c>.prompt.txt</c>).</summary>
public sealed class PromptBuilderFixtureTests
{
    public static TheoryData<string> BundleIds() => [.. BunFixture.BundleIds()];

    [Theory]
    [MemberData(nameof(BundleIds))]
    public void Build_FixtureTask_MatchesBunPromptFile(string bundleId)
    {
        var taskId = (string)BunFixture.Bundle(bundleId)["task"]!["task_id"]!;
        var task = BunFixture.Task(taskId);

        var prompt = PromptBuilder.Build(BunFixture.Config("/nonexistent/artifacts"), BunFixture.Profile, task);

        Assert.Equal(File.ReadAllText(Path.Combine(BunFixture.BundleDir, bundleId + ".prompt.txt")), prompt);
    }

    [Theory]
    [InlineData("54a6c486-28ca-4f84-9715-0e028c609cee")]
    [InlineData("5e3f67f4-44d7-4527-96b1-ec60484a0434")]
    public void Build_BridgeTask_MatchesAuditAssembledContext(string taskId)
    {
        var runDir = Directory.GetDirectories(Path.Combine(BunFixture.Root, "state", "artifacts", "adapter-runs", taskId)).Single();

        var prompt = PromptBuilder.Build(BunFixture.Config("/nonexistent/artifacts"), BunFixture.Profile, BunFixture.Task(taskId));

        Assert.Equal(File.ReadAllText(Path.Combine(runDir, "assembled-context.txt")), prompt);
    }
}
