using AgentRuntime.Host.Dispatch.Prompting;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The prompt is byte-identical to what the Bun runtime sent (audit <c>assembled-context.txt</c> and bundle <c>.prompt.txt</c>).</summary>
public sealed class PromptBuilderFixtureTests
{
    public static TheoryData<string> BundleIds() => [.. BunFixtureData.BundleIds()];

    [Theory]
    [MemberData(nameof(BundleIds))]
    public void Build_FixtureTask_MatchesBunPromptFile(string bundleId)
    {
        var taskId = (string)BunFixtureData.Bundle(bundleId)["task"]!["task_id"]!;
        var task = BunFixtureData.Task(taskId);

        var prompt = PromptBuilder.Build(BunFixtureData.Config("/nonexistent/artifacts"), BunFixtureData.Profile, task);

        Assert.Equal(File.ReadAllText(Path.Combine(BunFixtureData.BundleDir, bundleId + ".prompt.txt")), prompt);
    }

    [Theory]
    [InlineData("54a6c486-28ca-4f84-9715-0e028c609cee")]
    [InlineData("5e3f67f4-44d7-4527-96b1-ec60484a0434")]
    public void Build_BridgeTask_MatchesAuditAssembledContext(string taskId)
    {
        var runDir = Directory.GetDirectories(Path.Combine(BunFixtureData.Root, "state", "artifacts", "adapter-runs", taskId)).Single();

        var prompt = PromptBuilder.Build(BunFixtureData.Config("/nonexistent/artifacts"), BunFixtureData.Profile, BunFixtureData.Task(taskId));

        Assert.Equal(File.ReadAllText(Path.Combine(runDir, "assembled-context.txt")), prompt);
    }
}
