using AgentRuntime.Host.Composition;
using AgentRuntime.Plugins.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRuntime.Host.Web;

/// <summary>How one operator web server is started (the <c>web</c> command, or a test in process).</summary>
internal sealed record WebServerOptions
{
    public const string DefaultHost = "127.0.0.1";

    public const int DefaultPort = 4314;

    /// <summary>Request bodies above this size are refused with 413.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The runtime config, relative to <see cref="WorkingDirectory"/>.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>What relative paths (config, <c>/api/snapshot?path=</c>) resolve against.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The address to bind: an IP address or <c>localhost</c>.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>The port to bind; 0 picks a free one (see <see cref="WebServer.Port"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Off loopback, serve the mutating routes without a token (the reference's behaviour) instead of refusing to start.</summary>
    public bool AllowUnauthenticatedWrites { get; init; }

    /// <summary>The value of <c>AGENT_RUNTIME_WEB_TOKEN</c> (the process passes its environment's; tests pass their own).</summary>
    public string? EnvironmentToken { get; init; }

    /// <summary>Resolves <c>web.tokenCredential</c>; null means the credentials skill under <c>$HOME</c> run by <c>$AGENT_RUNTIME_BUN</c>.</summary>
    public CredentialResolver? Credentials { get; init; }

    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    public CoreOptions Core { get; init; } = CoreOptions.Default;

    /// <summary>Further host configuration before the app is built (<c>serve</c> adds its dispatcher with it).</summary>
    public Action<IHostApplicationBuilder>? ConfigureHost { get; init; }

    /// <summary>Extra service registrations before the app is built (tests tune the stream's intervals with it).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
