using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Resident;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>serve [--no-web] [--host] [--port] [--allow-unauthenticated-writes]</c>: the resident runtime.
/// One process holds the dispatch lock for its life, dispatches continuously
/// (<see cref="ResidentDispatcher"/>) and, unless <c>--no-web</c>, serves the operator web UI and
/// API in the same host. It prints one start line, then runs until SIGINT or SIGTERM: it stops
/// claiming, cancels the running attempts (their process trees stop, their tasks are requeued with
/// the attempt refunded, as <c>run-once</c>'s interrupt), stops the web server, releases the lock.
/// Exit codes: 0 after such a stop; 1 when it cannot start (<c>dispatch_locked</c> on stdout when
/// another dispatcher holds the lock, or a config or bind error on stderr) or when the dispatcher
/// failed (the database became unusable).
/// </summary>
internal sealed class ServeCommand : Command
{
    private static readonly Option<bool> NoWeb = new("--no-web") { Description = "Dispatch only: do not serve the operator web UI and API" };

    private readonly CliEnvironment _environment;

    public ServeCommand(CliEnvironment environment)
        : base("serve", "Run the resident runtime: dispatch continuously and serve the web UI, until SIGINT/SIGTERM")
    {
        _environment = environment;
        Options.Add(NoWeb);
        WebServerFlags.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals(_environment, stop);

        var core = RuntimeCore.Open(parseResult.GetValue(GlobalOptions.Config)!, _environment.Core, _environment.WorkingDirectory);
        var dbPath = core.Config.DbPath;
        try
        {
            return await ServeAsync(core, parseResult, stop, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailure.Is(ex))
        {
            // A database that cannot be used at start (read-only, missing, full): one line naming it.
            throw StoreFailure.Unavailable(ex, dbPath);
        }
    }

    private async Task<int> ServeAsync(RuntimeCore core, ParseResult parseResult, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        DispatchLock? held;
        try
        {
            held = await ResidentLock.TryAcquireAsync(core, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await core.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (held is null)
        {
            await core.DisposeAsync().ConfigureAwait(false);
            CliOutput.WriteJson(_environment.Out, CycleResults.Locked());
            return ExitCodes.Failure;
        }

        using (held)
        {
            // The core's lazily built parts are not for concurrent first use, and the web requests
            // and the attempts both reach the adapter registry: build it (load the plugins) now.
            _ = core.Adapters;
            return parseResult.GetValue(NoWeb)
                ? await ServeWithoutWebAsync(core, stop.Token).ConfigureAwait(false)
                : await ServeWithWebAsync(core, parseResult, stop.Token).ConfigureAwait(false);
        }
    }

    private async Task<int> ServeWithWebAsync(RuntimeCore core, ParseResult parseResult, CancellationToken stop)
    {
        var options = WebServerFlags.Read(parseResult, _environment) with
        {
            ConfigureHost = builder => ServeHost.Configure(builder, core),
        };
        await using var server = await WebServer.StartAsync(options, core, stop).ConfigureAwait(false);
        var dispatcher = server.Services.GetRequiredService<ResidentDispatcher>();
        PrintStarted(core, dispatcher, server.Host, server.Port);
        return await RunUntilStoppedAsync(dispatcher, server.Stopping, stop).ConfigureAwait(false);
    }

    private async Task<int> ServeWithoutWebAsync(RuntimeCore core, CancellationToken stop)
    {
        await using (core.ConfigureAwait(false))
        {
            using var host = ServeHost.BuildWithoutWeb(core);
            await host.StartAsync(stop).ConfigureAwait(false);
            var dispatcher = host.Services.GetRequiredService<ResidentDispatcher>();
            PrintStarted(core, dispatcher, null, null);
            var code = await RunUntilStoppedAsync(dispatcher, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping, stop).ConfigureAwait(false);
            using var grace = new CancellationTokenSource(ServeHost.ShutdownTimeout);
            await host.StopAsync(grace.Token).ConfigureAwait(false);
            return code;
        }
    }

    private void PrintStarted(RuntimeCore core, ResidentDispatcher dispatcher, string? host, int? port) =>
        CliOutput.WriteJson(_environment.Out, new JsonObject
        {
            ["ok"] = true,
            ["runtime"] = core.Config.RuntimeName,
            ["runner_id"] = core.RunnerId,
            ["max_concurrent_attempts"] = dispatcher.MaxConcurrentAttempts,
            ["host"] = host,
            ["port"] = port,
        });

    /// <summary>Waits for a signal (or the host stopping on its own), then stops the dispatcher first so its attempts are requeued while the rest still runs.</summary>
    private static async Task<int> RunUntilStoppedAsync(ResidentDispatcher dispatcher, CancellationToken hostStopping, CancellationToken stop)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, hostStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Leave through the drain below.
        }

        using var grace = new CancellationTokenSource(ServeHost.ShutdownTimeout);
        await dispatcher.StopAsync(grace.Token).ConfigureAwait(false);
        if (dispatcher.ExecuteTask is { IsFaulted: true } failed)
        {
            throw new InvalidOperationException($"the dispatcher failed: {failed.Exception!.InnerException!.Message}", failed.Exception.InnerException);
        }

        return ExitCodes.Success;
    }
}
