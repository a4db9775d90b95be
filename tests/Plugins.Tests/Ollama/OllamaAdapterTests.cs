using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Ollama;
using AgentRuntime.Plugins.Tests.Conformance;
using AgentRuntime.Plugins.Tests.FakeServers;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.Ollama;

/// <summary>The ollama-generate adapter (spec §6.6) against a fake Ollama on 127.0.0.1.</summary>
public sealed class OllamaAdapterTests : AdapterConformanceTests, IAsyncLifetime
{
    private readonly OllamaFake _server = new();

    protected override string Kind => "ollama-generate";

    protected override IAdapterFactory Factory { get; } = new OllamaAdapterFactory();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected override JsonObject Settings(Behaviour behaviour, TimeSpan timeout) => new()
    {
        // A trailing slash is tolerated (the reference doubled it into "//api/generate").
        ["endpoint"] = behaviour == Behaviour.Unavailable ? "http://127.0.0.1:1" : _server.BaseUrl + "/",
        ["model"] = behaviour switch { Behaviour.Fail => "fail-model", Behaviour.Hang => "hang-model", _ => "ok-model" },
        ["timeoutMs"] = timeout.TotalMilliseconds,
    };

    internal override Task WaitUntilRunningAsync(RecordingSink sink) => _server.ModelCalled.Task;

    [Fact(Timeout = 30_000)]
    public async Task Healthcheck_ModelListed_OkWithAvailableModels()
    {
        await using var adapter = Create(Settings(Behaviour.Succeed, TimeSpan.FromSeconds(5)));
        var report = await adapter.HealthcheckAsync(CancellationToken.None);
        Assert.True(report.Ok);
        Assert.Equal(2, report.Detail["available_models"]!.AsArray().Count);

        await using var unlisted = Create(Settings(Behaviour.Fail, TimeSpan.FromSeconds(5)));
        Assert.False((await unlisted.HealthcheckAsync(CancellationToken.None)).Ok);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_ServerError_RetryableWithHttpStatus()
    {
        var result = await ExecuteAsync(Settings(Behaviour.Fail, TimeSpan.FromSeconds(5)), new RecordingSink(), CancellationToken.None);
        Assert.Equal(RetryClass.Retryable, result.RetryClass);
        Assert.Equal(503, (int)result.Diagnostics!["http_status"]!);
        Assert.Equal("""{"error":"model is loading"}""", result.RawOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task Execute_NotFoundHtmlBody_PermanentByStatus()
    {
        var settings = Settings(Behaviour.Succeed, TimeSpan.FromSeconds(5));
        settings["model"] = "html-model";
        var result = await ExecuteAsync(settings, new RecordingSink(), CancellationToken.None);
        Assert.Equal(ExitStatus.Error, result.ExitStatus);
        Assert.Equal(RetryClass.Permanent, result.RetryClass);
        Assert.Equal("<html>not found</html>", result.RawOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task Probe_Reachable_OkWithStatus()
    {
        await using var adapter = Create(Settings(Behaviour.Succeed, TimeSpan.FromSeconds(5)));
        var probe = await adapter.ProbeAsync(CancellationToken.None);
        Assert.True(probe.Ok);
        Assert.Equal(200, (int)probe.Detail!["status"]!);
    }
}
