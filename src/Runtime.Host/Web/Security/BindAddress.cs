using System.Net;

namespace AgentRuntime.Host.Web.Security;

/// <summary>The address <c>--host</c> names: an IP address, or <c>localhost</c> (the IPv4 loopback).</summary>
internal static class BindAddress
{
    public static IPAddress Resolve(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? address
            : throw new WebServerException($"--host must be an IP address or localhost, got \"{host}\" (e.g. 127.0.0.1, 0.0.0.0, ::1)");
    }

    /// <summary>127.0.0.0/8 and ::1: only this machine can connect, so writes need no token.</summary>
    public static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address);
}
