using System.Net;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Web.Security;
using AgentRuntime.Host.Web.Stream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRuntime.Host.Web;

/// <summary>
/// The operator web server (spec §2): Kestrel with the LAN API and the embedded UI over one runtime
/// core; on its own it never dispatches (<c>serve</c> adds its dispatcher through <see cref="WebServerOptions.ConfigureHost"/>). Start it with <see cref="StartAsync(WebServerOptions, CancellationToken)"/>; dispose it to stop it (open
/// streams end as the application's stopping token fires) and close the database.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private WebServer(WebApplication app, RuntimeCore core, string host, int port)
    {
        _app = app;
        Core = core;
        Host = host;
        Port = port;
    }

    public RuntimeCore Core { get; }

    /// <summary>The application's services (tests and the benchmark reach the stream's broadcaster here).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>The <c>--host</c> as given.</summary>
    public string Host { get; }

    /// <summary>The bound port (the one picked when 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>Fires when the server begins to stop; long-running responses (the stream) end on it.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Loads the config, opens the core, checks the token rule, binds and starts serving.</summary>
    /// <exception cref="WebServerException">The bind address is not an IP or cannot be bound, or no token is set off loopback.</exception>
    public static Task<WebServer> StartAsync(WebServerOptions options, CancellationToken cancellationToken) => StartAsync(options, null, cancellationToken);

    /// <summary>As <see cref="StartAsync(WebServerOptions, CancellationToken)"/> over a core already opened (<c>serve</c>'s); the server owns it from here, and disposes it on failure too.</summary>
    public static async Task<WebServer> StartAsync(WebServerOptions options, RuntimeCore? opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IPAddress address;
        try
        {
            address = BindAddress.Resolve(options.Host);
        }
        catch when (opened is not null)
        {
            await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var core = opened ?? RuntimeCore.Open(options.ConfigPath, options.Core, options.WorkingDirectory);
        try
        {
            var access = await WebToken.AccessAsync(core.Config, address, options, cancellationToken).ConfigureAwait(false);

            // As the reference: the database is opened (and migrated) at start, not by the first
            // request. This also builds the core's store before requests run at once: the core's
            // lazily built parts are not for concurrent first use. Requests use only the store
            // (a pooled connection per unit of work), never the core's single shared connection.
            core.Store.OpenConnection().Dispose();
            var app = Build(core, access, address, options);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // serve's dispatcher started with the app and may already hold a claimed task:
                // stopping it ends that attempt as an interruption, instead of leaving it running.
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
                throw new WebServerException($"cannot listen on {options.Host}:{options.Port}: {ex.Message} (pick another --port, or 0 for a free one)", ex);
            }

            return new WebServer(app, core, options.Host, BoundPort(app));
        }
        catch
        {
            await core.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static WebApplication Build(RuntimeCore core, WriteAccess access, IPAddress address, WebServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = options.WorkingDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.Services.AddSingleton(core);
        builder.Services.AddSingleton(access);
        options.ConfigureServices?.Invoke(builder.Services);
        options.ConfigureHost?.Invoke(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;

            // The reference's idle timeout (spec §2.1).
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        });

        var app = builder.Build();
        app.UseOperatorPipeline(core.Log, options.MaxRequestBodyBytes);
        app.MapOperatorApi();
        app.MapOperatorStream();
        app.MapOperatorUi();
        return app;
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }

    /// <summary>Stops serving: new connections are refused, open responses see <see cref="Stopping"/>, in-flight requests get a few seconds.</summary>
    public async Task StopAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Core.DisposeAsync().ConfigureAwait(false);
    }
}
