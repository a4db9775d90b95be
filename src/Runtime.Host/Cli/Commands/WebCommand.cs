using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Web;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>web [--host] [--port] [--allow-unauthenticated-writes]</c>: serve the operator UI and LAN API
/// (spec §2) until SIGINT or SIGTERM, then stop gracefully and exit 0. It never dispatches. It takes
/// the signals itself (<see cref="CliApp"/> leaves them to it): a stopped server is a clean exit,
/// not an interrupted command.
/// </summary>
internal sealed class WebCommand : Command
{
    private readonly CliEnvironment _environment;

    public WebCommand(CliEnvironment environment)
        : base("web", "Serve the operator web UI and LAN API until SIGINT/SIGTERM (never dispatches)")
    {
        _environment = environment;
        WebServerFlags.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals(_environment, stop);

        var options = WebServerFlags.Read(parseResult, _environment);
        await using var server = await WebServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        CliOutput.WriteJson(_environment.Out, new JsonObject
        {
            ["ok"] = true,
            ["host"] = server.Host,
            ["port"] = server.Port,
            ["runtime"] = server.Core.Config.RuntimeName,
        });

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // SIGINT/SIGTERM (or the caller): leave through the graceful stop below.
        }

        return ExitCodes.Success;
    }
}
