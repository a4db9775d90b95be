using System.Diagnostics;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Plugins.Tests.TestSupport;
using TempDirectory = AgentRuntime.Host.Tests.TestSupport.TempDirectory;

namespace AgentRuntime.Plugins.Tests.Runner;

public sealed class ProcessRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new("runner");

    private string PidFile => _temp.Combine("pids.txt");

    [Fact(Timeout = 30_000)]
    public async Task Run_StdinText_IsDeliveredAndClosed()
    {
        var outcome = await RunAsync(Spec("stdin") with { StandardInput = "line one\nline two é" });
        Assert.Equal(ProcessEnd.Exited, outcome.End);
        Assert.Equal("line one\nline two é", outcome.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_Launched_PidIsProcessGroupLeader()
    {
        var outcome = await RunAsync(Spec("echo"));
        var pids = Processes.ReadPids(PidFile);
        Assert.Equal([outcome.ProcessId], pids);
        Assert.NotEqual(Environment.ProcessId, outcome.ProcessId);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_SetsidLaunch_ChildLeadsItsOwnGroup()
    {
        var sink = new RecordingSink();
        using var cancel = new CancellationTokenSource();
        var run = ProcessRunner.System.RunAsync(Spec("sleep"), sink, cancel.Token);
        await sink.Started.WaitAsync(TimeSpan.FromSeconds(10));
        var pid = Processes.ReadPids(PidFile)[0];
        Assert.Equal(pid, ProcessSignals.ReadStat(pid)!.Value.ProcessGroup);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Processes.AssertNoneRunning(PidFile, expectedAtLeast: 2);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_DescendantEscapesGroup_ReturnsWithoutWaitingForIt()
    {
        var clock = Stopwatch.StartNew();
        var outcome = await RunAsync(Spec("escape") with { Timeout = TimeSpan.FromSeconds(20) });
        try
        {
            Assert.Equal(ProcessEnd.Exited, outcome.End);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var pid in Processes.ReadPids(PidFile))
            {
                Processes.Kill(pid);
            }
        }
    }

    /// <summary>Issue 11: a descendant in a session of its own escapes the group, not the attempt id it inherited.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Run_DescendantEscapesGroupWithAttemptId_IsStopped()
    {
        var outcome = await RunAsync(Spec("escape") with { AttemptId = Guid.NewGuid().ToString() });
        Assert.Equal(ProcessEnd.Exited, outcome.End);
        Processes.AssertNoneRunning(PidFile, expectedAtLeast: 2);
    }

    /// <summary>Issue 11: a child left running in the background (pipes not held) is stopped when the run ends.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Run_ExitsLeavingBackgroundChild_ExitedAndChildStopped()
    {
        var outcome = await RunAsync(Spec("background"));
        Assert.Equal(ProcessEnd.Exited, outcome.End);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("started", outcome.Stdout, StringComparison.Ordinal);
        Processes.AssertNoneRunning(PidFile, expectedAtLeast: 2);
    }

    /// <summary>Issue 11: exit 0 with a grandchild holding stdout (and ignoring SIGTERM) is an exit 0, not a timeout.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Run_ExitsWhileGrandchildHoldsStdout_ExitedWithCodeAndGrandchildStopped()
    {
        var outcome = await RunAsync(Spec("grandchild"));
        Assert.Equal(ProcessEnd.Exited, outcome.End);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("started", outcome.Stdout, StringComparison.Ordinal);
        Processes.AssertNoneRunning(PidFile, expectedAtLeast: 2);
    }

    /// <summary>The attempt id reaches every process of the tree, so a later dispatcher can find it.</summary>
    [Fact(Timeout = 30_000)]
    public async Task Run_AttemptId_ExportedToChildEnvironment()
    {
        var envFile = _temp.Combine("env.txt");
        var spec = Spec("echo") with { AttemptId = "attempt-42" };
        spec = spec with { Environment = new Dictionary<string, string>(spec.Environment) { ["FAKE_ENV_FILE"] = envFile } };
        var outcome = await RunAsync(spec);
        Assert.Equal(ProcessEnd.Exited, outcome.End);
        Assert.Contains($"{ProcessRunner.AttemptMarker}=attempt-42", File.ReadAllText(envFile).Split('\0'));
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_NotExecutable_IsSpawnFailure()
    {
        var file = _temp.Write("plain.sh", "#!/bin/sh\necho hi\n");
        var outcome = await RunAsync(Spec("echo") with { Command = file });
        Assert.Equal(ProcessEnd.SpawnFailed, outcome.End);
        Assert.Contains("EACCES", outcome.SpawnError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_MissingInterpreter_IsSpawnFailure()
    {
        var file = _temp.Write("bad-interpreter", "#!/nonexistent/interpreter\necho hi\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var outcome = await RunAsync(Spec("echo") with { Command = file });
        Assert.Equal(ProcessEnd.SpawnFailed, outcome.End);
        Assert.Contains("failed to execute", outcome.SpawnError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_MissingWorkingDirectory_IsSpawnFailure()
    {
        var outcome = await RunAsync(Spec("echo") with { WorkingDirectory = _temp.Combine("missing") });
        Assert.Equal(ProcessEnd.SpawnFailed, outcome.End);
        Assert.Contains(_temp.Combine("missing"), outcome.SpawnError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Run_BareCommand_SearchedOnChildPath()
    {
        var outcome = await RunAsync(Spec("echo") with
        {
            Command = "fake-agent",
            Environment = new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(Repo.Fixture("fake-agent"))! + ":/usr/bin:/bin" },
        });
        Assert.Equal(ProcessEnd.Exited, outcome.End);
        Assert.Equal(Repo.Fixture("fake-agent"), outcome.CommandPath);
    }

    public void Dispose() => _temp.Dispose();

    private ProcessSpec Spec(string mode) => new()
    {
        Command = Repo.Fixture("fake-agent"),
        WorkingDirectory = _temp.Path,
        Environment = new Dictionary<string, string> { ["FAKE_MODE"] = mode, ["FAKE_PID_FILE"] = PidFile },
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static Task<ProcessOutcome> RunAsync(ProcessSpec spec) => ProcessRunner.System.RunAsync(spec, new RecordingSink(), CancellationToken.None);
}
