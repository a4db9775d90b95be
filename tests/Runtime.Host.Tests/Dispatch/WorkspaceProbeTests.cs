using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class WorkspaceProbeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Detect_NoGitDirectoryAbove_AnswersNoRepoWithoutStartingGit()
    {
        var root = _dir.Combine("plain");
        Directory.CreateDirectory(root);
        var (git, started) = ClaimingGit();

        var workspace = WorkspaceProbe.Detect(root, git);

        Assert.Equal($$"""{"kind":"no-repo","root":"{{root}}","repo_root":null,"git_sha":null,"dirty":null}""", JsJson.Serialize(workspace));
        Assert.False(File.Exists(started));
    }

    [Fact]
    public void Detect_GitDirectoryAbove_AsksGit()
    {
        Directory.CreateDirectory(_dir.Combine("repo", ".git"));
        var root = _dir.Combine("repo", "sub");
        Directory.CreateDirectory(root);
        var (git, started) = ClaimingGit();

        var workspace = WorkspaceProbe.Detect(root, git);

        Assert.Equal($$"""{"kind":"git","root":"{{root}}","repo_root":"/claimed","git_sha":"/claimed","dirty":true}""", JsJson.Serialize(workspace));
        Assert.True(File.Exists(started));
    }

    /// <summary>A git that answers every command with a repository root, and leaves a file behind when started.</summary>
    private (string Git, string Started) ClaimingGit()
    {
        var started = _dir.Combine("git-started");
        return (_dir.WriteExecutable("git", $"#!/bin/sh\ntouch '{started}'\necho /claimed\n"), started);
    }
}
