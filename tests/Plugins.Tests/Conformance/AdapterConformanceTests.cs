using System.Diagnostics;
using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;
using TempDirectory = AgentRuntime.Host.Tests.TestSupport.TempDirectory;

namespace AgentRuntime.Plugins.Tests.Conformance;

/// <summary>
/// What every adapter must do, whatever it drives (STYLE habit 17): health checks and probes never
/// throw, output is captured, failures map to a retry class, a timeout is the value
/// <see cref="ExitStatus.Timeout"/>, and caller cancellation is honoured in bounded time.
/// Each plugin's test class derives from this and says how to make its adapter behave.
/// </summary>
public abstract class AdapterConformanceTests : IDisposable
{
    /// <summary>Timeout + SIGKILL grace (5 s) + pipe drain and slack for a loaded 2-core machine.</summary>
    protected static readonly TimeSpan StopBound = TimeSpan.FromSeconds(9);

    protected static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(20);

    internal TempDirectory Temp { get; } = new();

    protected abstract string Kind { get; }

    protected abstract IAdapterFactory Factory { get; }

    /// <summary>Settings that make this adapter show <paramref name="behaviour"/>.</summary>
    protected abstract JsonObject Settings(Behaviour behaviour, TimeSpan timeout);

    /// <summary>Completes once the adapter's work is under way (so a cancel hits a running execution).</summary>
    internal abstract Task WaitUntilRunningAsync(RecordingSink sink);

    /// <summary>Asserts nothing the hanging execution started is still running.</summary>
    protected virtual void AssertStopped()
    {
    }

    [Fact(Timeout = 30_000)]
    public async Task Healthcheck_Unavailable_ReportsNotOkWithoutThrowing()
    {
        await using var adapter = Create(Settings(Behaviour.Unavailable, TimeSpan.FromSeconds(5)));
        var report = await adapter.HealthcheckAsync(CancellationToken.None);
        Assert.False(report.Ok);
    }

    [Fact(Timeout = 30_000)]
    public async Task Probe_Unavailable_ReportsNotOkWithReason()
    {
        await using var adapter = Create(Settings(Behaviour.Unavailable, TimeSpan.FromSeconds(5)));
        var probe = await adapter.ProbeAsync(CancellationToken.None);
        Assert.False(probe.Ok);
        Assert.False(string.IsNullOrWhiteSpace(probe.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_Succeeds_ReturnsOkAndCapturesOutput()
    {
        var sink = new RecordingSink();
        var result = await ExecuteAsync(Settings(Behaviour.Succeed, TimeSpan.FromSeconds(30)), sink, CancellationToken.None);
        Assert.Equal(ExitStatus.Ok, result.ExitStatus);
        Assert.Equal(RetryClass.None, result.RetryClass);
        Assert.Contains("done by the fake", result.RawOutput, StringComparison.Ordinal);
        Assert.NotEqual("", result.Stdout);
        Assert.Contains(sink.Lines(OutputChannel.Stdout), l => l.Length > 0 && result.Stdout.Contains(l, StringComparison.Ordinal));
    }

    /// <summary>
    /// The SDK declares adapters re-entrant: the host shares one instance between attempts that run
    /// at the same time, so two executions on it must each finish with their own captured output.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Execute_OneInstanceTwoAttemptsAtOnce_EachSucceedsWithItsOwnOutput()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(30));
        await using var adapter = Create(settings);
        var sinks = new[] { new RecordingSink(), new RecordingSink() };
        var runs = sinks.Select((sink, i) => adapter.ExecuteAsync(
            Requests.Execution(Kind, settings, Temp.Path) with { AttemptId = $"attempt-{i + 1}" }, sink, CancellationToken.None)).ToArray();

        var results = await Task.WhenAll(runs);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(ExitStatus.Ok, results[i].ExitStatus);
            Assert.Contains("done by the fake", results[i].RawOutput, StringComparison.Ordinal);
            Assert.Contains(sinks[i].Lines(OutputChannel.Stdout), l => l.Length > 0 && results[i].Stdout.Contains(l, StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_Fails_ReturnsErrorWithRetryClass()
    {
        var result = await ExecuteAsync(Settings(Behaviour.Fail, TimeSpan.FromSeconds(30)), new RecordingSink(), CancellationToken.None);
        Assert.Equal(ExitStatus.Error, result.ExitStatus);
        Assert.NotEqual(RetryClass.None, result.RetryClass);
        Assert.False(string.IsNullOrEmpty(result.RawOutput));
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_ExceedsTimeout_ReturnsTimeoutInBoundedTime()
    {
        var timeout = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        var result = await ExecuteAsync(Settings(Behaviour.Hang, timeout), new RecordingSink(), CancellationToken.None);
        Assert.Equal(ExitStatus.Timeout, result.ExitStatus);
        Assert.Equal(RetryClass.Retryable, result.RetryClass);
        Assert.Equal("timeout", result.Note);
        // .NET timers tick in whole milliseconds, so a 1 s timeout can fire a hair before 1 s on
        // this high-resolution clock (seen once for the HTTP adapter under load); allow that much.
        Assert.InRange(clock.Elapsed, timeout - TimerGranularity, timeout + StopBound);
        AssertStopped();
    }

    [Fact(Timeout = 60_000)]
    public async Task Execute_CallerCancels_ThrowsOperationCanceledInBoundedTime()
    {
        var sink = new RecordingSink();
        using var cancel = new CancellationTokenSource();
        var execution = ExecuteAsync(Settings(Behaviour.Hang, TimeSpan.FromMinutes(5)), sink, cancel.Token);
        await WaitUntilRunningAsync(sink).WaitAsync(TimeSpan.FromSeconds(20));
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => execution);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, StopBound);
        AssertStopped();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
    }

    protected IAdapter Create(JsonObject settings) => Factory.Create(Requests.Context(Kind, settings, Temp.Path));

    internal async Task<ExecutionResult> ExecuteAsync(JsonObject settings, RecordingSink sink, CancellationToken cancellationToken, JsonObject? payload = null)
    {
        await using var adapter = Create(settings);
        return await adapter.ExecuteAsync(Requests.Execution(Kind, settings, Temp.Path, payload: payload), sink, cancellationToken);
    }
}
