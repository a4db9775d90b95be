using System.Net;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Web.Security;

/// <summary>
/// The token rule: on loopback, writes are open (as in the reference). Elsewhere they need a bearer
/// token: <c>AGENT_RUNTIME_WEB_TOKEN</c> when set, else the config's <c>web.tokenCredential</c>
/// resolved as the adapters' <c>*_CREDENTIAL</c> references are. With neither the server refuses to
/// start, unless <c>--allow-unauthenticated-writes</c> restores the reference's open LAN writes.
/// </summary>
internal static class WebToken
{
    public const string EnvironmentVariable = "AGENT_RUNTIME_WEB_TOKEN";

    public static async Task<WriteAccess> AccessAsync(RuntimeConfig config, IPAddress address, WebServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (BindAddress.IsLoopback(address))
        {
            return WriteAccess.Open;
        }

        if (options.EnvironmentToken is { Length: > 0 } token)
        {
            return WriteAccess.WithToken(token);
        }

        if (config.Web.TokenCredential is { } credential)
        {
            return WriteAccess.WithToken(await ResolveAsync(options.Credentials ?? CredentialResolver.FromEnvironment(ProcessRunner.System), credential, cancellationToken).ConfigureAwait(false));
        }

        return options.AllowUnauthenticatedWrites
            ? WriteAccess.Open
            : throw new WebServerException(
                $"refusing to start on {options.Host} without a write token: set {EnvironmentVariable}=<token> "
                + "or \"web\": { \"tokenCredential\": \"<credential id>\" } in the config, bind 127.0.0.1, "
                + "or pass --allow-unauthenticated-writes to accept unauthenticated writes from the network");
    }

    private static async Task<string> ResolveAsync(CredentialResolver credentials, string credentialId, CancellationToken cancellationToken)
    {
        const string Reference = "WEB_TOKEN_CREDENTIAL";
        try
        {
            var resolved = await credentials.ResolveAsync(new OrderedDictionary<string, string> { [Reference] = credentialId }, cancellationToken).ConfigureAwait(false);
            return resolved["WEB_TOKEN"];
        }
        catch (AdapterConfigurationException ex)
        {
            throw new WebServerException($"web.tokenCredential: {ex.Message}", ex);
        }
    }
}
