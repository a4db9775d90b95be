using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>The in-process mode of <see cref="TestRuntime"/>: the CLI runs in this process on a fake clock.</summary>
internal sealed partial class TestRuntime
{
    /// <summary>Set by <see cref="InProcess"/>: the clock the in-process CLI reads; the test moves it instead of sleeping.</summary>
    public FakeTimeProvider? Clock { get; private set; }

    /// <summary>
    /// Runs every later command in this process (<see cref="InProcessCli"/>) against a fake clock that
    /// starts at the current time, so retry, backoff and schedule tests advance time instead of sleeping.
    /// Each reading moves it on by a millisecond, as real time would, so records written one after
    /// another never share a timestamp.
    /// </summary>
    public TestRuntime InProcess()
    {
        Clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        return this;
    }

    partial void PrepareConfig(JsonObject written)
    {
        if (Clock is not null && !written.ContainsKey("plugins"))
        {
            // In process, the default plugins directory is the test's own output; use the one the solution build laid out.
            written["plugins"] = new JsonObject { ["directory"] = Path.Combine(Repo.HostDirectory, "plugins") };
        }
    }

    partial void RunInProcess(string[] args, ref Task<CliResult>? run)
    {
        if (Clock is { } clock)
        {
            run = InProcessCli.RunAsync(Directory.Path, args, clock);
        }
    }

    partial void RequireProcess()
    {
        if (Clock is not null)
        {
            throw new InvalidOperationException("environment variables need a process: do not call InProcess() for this test");
        }
    }
}
