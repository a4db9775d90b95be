using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>Compiling the fixture's tasks reproduces the Bun runtime's bundle files byte for byte.</summary>
public sealed class BundleCompilerFixtureTests
{
    public static TheoryData<string> BundleIds() => [.. BunFixtureData.BundleIds()];

    [Theory]
    [MemberData(nameof(BundleIds))]
    public void Compile_FixtureTask_WritesTheBunBundleFileExactly(string bundleId)
    {
        using var artifacts = new TempDirectory();
        var original = BunFixtureData.Bundle(bundleId);
        var adapterId = (string)original["adapter"]!["adapter_id"]!;

        var bundle = BundleCompiler.Compile(new BundleInputs
        {
            Config = BunFixtureData.Config(artifacts.Path),
            Task = BunFixtureData.Task((string)original["task"]!["task_id"]!),
            Profile = BunFixtureData.Profile,
            Adapter = BunFixtureData.Adapter(adapterId),
            Workflow = original["workflow"]?.AsObject(),
            Now = DateTimeOffset.Parse("2026-11-24T00:24:40Z", System.Globalization.CultureInfo.InvariantCulture),
            BundleId = bundleId,
            WorkingDirectory = BunFixtureData.RenamedRoot,

            // The Bun run saw no repository at the renamed root; a git that answers "not a repository"
            // reproduces that whatever exists at that path on this machine.
            GitExecutable = NotARepositoryGit(artifacts),
        });

        Assert.Equal(File.ReadAllText(Path.Combine(BunFixtureData.BundleDir, bundleId + ".json")), File.ReadAllText(bundle.AbsolutePath));
        Assert.Equal(File.ReadAllText(Path.Combine(BunFixtureData.BundleDir, bundleId + ".prompt.txt")), File.ReadAllText(bundle.PromptAbsolutePath));
        Assert.Equal($"bundles/2026-11-24/{bundleId}.json", bundle.RelativePath);
        Assert.Equal(adapterId == "codex-local" ? ReplayGrades.NonReplayableModel : ReplayGrades.InputsFrozen, bundle.ReplayGrade);
    }

    private static string NotARepositoryGit(TempDirectory directory)
    {
        var git = directory.Combine("git");
        File.WriteAllText(git, "#!/bin/sh\necho 'fatal: not a git repository (or any of the parent directories): .git' >&2\nexit 128\n");
        File.SetUnixFileMode(git, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return git;
    }
}
