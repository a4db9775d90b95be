using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Web;
using AgentRuntime.Host.Web.Security;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>web [--host] [--port] [--allow-unauthenticated-writes]</c>: serve the operator UI and LAN API
/// (spec §2) until SIGINT or SIGTERM, then stop gracefully and exit 0. It never dispatches. It takes
/// the signals itself (<see cref="CliApp"/> leaves them to it): a stopped server is a clean exit,
/// not an interrupted command.
/// </summary>
internal sealed class WebCommand : Command
{
    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to bind (default 127.0.0.1; off loopback, writes need a token)",
        DefaultValueFactory = _ => WebServerOptions.DefaultHost,
        HelpName = "addr",
    };

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port to bind (0 picks a free one)",
        DefaultValueFactory = _ => WebServerOptions.DefaultPort,
        HelpName = "n",
    };

    private static readonly Option<bool> AllowUnauthenticatedWrites = new("--allow-unauthenticated-writes")
    {
        Description = "Off loopback without a token, accept writes from anyone on the network (the reference's behaviour)",
    };

    private readonly CliEnvironment _environment;

    public WebCommand(CliEnvironment environment)
        : base("web", "Serve the operator web UI and LAN API until SIGINT/SIGTERM (never dispatches)")
    {
        _environment = environment;
        Options.Add(Host);
        Options.Add(Port);
        Options.Add(AllowUnauthenticatedWrites);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = _environment.HandleSignals ? PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal) : null;
        using var sigterm = _environment.HandleSignals ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal) : null;

        var options = new WebServerOptions
        {
            ConfigPath = parseResult.GetValue(GlobalOptions.Config)!,
            WorkingDirectory = _environment.WorkingDirectory,
            Host = parseResult.GetValue(Host)!,
            Port = parseResult.GetValue(Port),
            AllowUnauthenticatedWrites = parseResult.GetValue(AllowUnauthenticatedWrites),
            EnvironmentToken = System.Environment.GetEnvironmentVariable(WebToken.EnvironmentVariable),
            Core = _environment.Core,
        };
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

        void OnSignal(PosixSignalContext context)
        {
            // Keep the process alive: the server stops, the database closes, then the command returns 0.
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
