using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace AgentRuntime.Host.Systemd;

/// <summary>
/// systemd integration of a long-running host (<c>serve</c>, <c>Type=notify</c> in
/// deploy/systemd/agent-runtime@.service): <c>READY=1</c> when the host has started,
/// <c>STOPPING=1</c> when it begins to stop (both from the package's <see cref="SystemdLifetime"/>),
/// and <c>WATCHDOG=1</c> from the caller's loop through <see cref="SystemdWatchdog"/>.
/// Outside systemd (no <c>NOTIFY_SOCKET</c>) it changes nothing.
/// <para>
/// "Started" must mean ready: <c>serve</c> takes the dispatch lock before it builds the host, the
/// resident dispatcher runs the boot sweep in its <c>StartAsync</c>, and the host reports started
/// only after every hosted service, the web server's listener included, has started.
/// </para>
/// </summary>
internal static class SystemdHosting
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";

    /// <summary>Register after any other <see cref="IHostLifetime"/>: under systemd, systemd's lifetime replaces it.</summary>
    public static IServiceCollection AddSystemdIntegration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSystemd();

        // AddSystemd (10.0) turns itself on only when systemd is the process's direct parent. A
        // NOTIFY_SOCKET alone must be enough: systemd-run, a wrapper between the unit and this
        // process, a test listening on its own socket. Later versions of the package do the same.
        if (!SystemdHelpers.IsSystemdService() && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NotifySocketVariable)))
        {
            services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        services.TryAddSingleton(provider => SystemdWatchdog.FromEnvironment(provider.GetService<ISystemdNotifier>()));
        return services;
    }
}
