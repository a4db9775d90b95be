using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>Compiling the fixture's tasks reproduces the Bun runtime's bundle files byte for byte.</summary>
public sealed class BundleCompilerFixtureTests
{
    public static TheoryData<string> BundleIds() => [.. BunFixture.BundleIds()];

    [Theory]
    [MemberData(nameof(BundleIds))]
    public void Compile_FixtureTask_WritesTheBunBundleFileExactly(string bundleId)
    {
        Assert.False(Directory.Exists(BunFixture.RenamedRoot), "the renamed host root must not exist here (workspace must be no-repo)");
        using var artifacts = new TempDirectory();
        var original = BunFixture.Bundle(bundleId);
        var adapterId = (string)original["adapter"]!["adapter_id"]!;

        var bundle = BundleCompiler.Compile(new BundleInputs
        {
            Config = BunFixture.Config(artifacts.Path),
            Task = BunFixture.Task((string)original["task"]!["task_id"]!),
            Profile = BunFixture.Profile,
            Adapter = BunFixture.Adapter(adapterId),
            Workflow = original["workflow"]?.AsObject(),
            Now = DateTimeOffset.Parse("2026-11-24T00:24:40Z", System.Globalization.CultureInfo.InvariantCulture),
            BundleId = bundleId,
            WorkingDirectory = BunFixture.RenamedRoot,
        });

        Assert.Equal(File.ReadAllText(Path.Combine(BunFixture.BundleDir, bundleId + ".json")), File.ReadAllText(bundle.AbsolutePath));
        Assert.Equal(File.ReadAllText(Path.Combine(BunFixture.BundleDir, bundleId + ".prompt.txt")), File.ReadAllText(bundle.PromptAbsolutePath));
        Assert.Equal($"bundles/2026-11-24/{bundleId}.json", bundle.RelativePath);
        Assert.Equal(adapterId == "codex-local" ? ReplayGrades.NonReplayableModel : ReplayGrades.InputsFrozen, bundle.ReplayGrade);
    }
}
