using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Resident;
using AgentRuntime.Host.Systemd;
using AgentRuntime.Host.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// The one place where the host of <c>serve</c> is configured, with the web server (a
/// <c>WebApplicationBuilder</c>) or without it (a plain <see cref="HostApplicationBuilder"/>):
/// the resident dispatcher as a hosted service, the host's lifetime and its shutdown time.
/// Host integrations (systemd readiness and watchdog) are added here.
/// </summary>
internal static class ServeHost
{
    /// <summary>
    /// How long a stop waits for the dispatcher: running attempts are cancelled and their process
    /// trees stopped (an adapter kills what is left 5 s after SIGTERM), then their tasks are requeued.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(IHostApplicationBuilder builder, RuntimeCore core)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(core);
        builder.Services.TryAddSingleton(core);
        builder.Services.AddSingleton<ResidentDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResidentDispatcher>());

        // Only a web host runs startup filters: with the web server, its writes wake the dispatcher directly.
        builder.Services.AddSingleton<IStartupFilter, WebWriteWake>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);

        // The serve command takes SIGINT/SIGTERM itself (it drains the dispatcher before the web
        // server stops). A lifetime registered after this line (systemd's) replaces this one.
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.Services.AddSystemdIntegration();
    }

    /// <summary>The host without the web server (<c>serve --no-web</c>).</summary>
    public static IHost BuildWithoutWeb(RuntimeCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = core.WorkingDirectory });
        Configure(builder, core);
        return builder.Build();
    }
}
