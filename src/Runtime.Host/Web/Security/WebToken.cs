using System.Net;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Web.Security;

/// <summary>
/// The token rule: on loopback, writes are open; elsewhere they need the token from
/// <c>AGENT_RUNTIME_WEB_TOKEN</c>, and without one the server refuses to start unless
/// <c>--allow-unauthenticated-writes</c> restores the reference's open LAN writes.
/// </summary>
internal static class WebToken
{
    public const string EnvironmentVariable = "AGENT_RUNTIME_WEB_TOKEN";

    public static WriteAccess Access(RuntimeCore core, IPAddress address, WebServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(options);
        if (BindAddress.IsLoopback(address))
        {
            return WriteAccess.Open;
        }

        if (options.EnvironmentToken is { Length: > 0 } token)
        {
            return WriteAccess.WithToken(token);
        }

        return options.AllowUnauthenticatedWrites
            ? WriteAccess.Open
            : throw new WebServerException(
                $"refusing to serve writes on {options.Host} without a token: set {EnvironmentVariable}=<token> "
                + "(or \"web\": { \"tokenCredential\": \"<credential id>\" } in the config), bind 127.0.0.1, "
                + "or pass --allow-unauthenticated-writes to accept unauthenticated writes from the network");
    }
}
