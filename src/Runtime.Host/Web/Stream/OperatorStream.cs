using AgentRuntime.Host.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>Maps <c>/api/stream</c> (spec §2.13) onto the web server.</summary>
internal static class OperatorStream
{
    public const string Route = "/api/stream";

    /// <summary>
    /// Registers the one broadcaster, built from the <see cref="RuntimeCore"/> singleton, with
    /// <paramref name="options"/> (default: 1 s poll, 15 s keep-alive). Optional: without it,
    /// <see cref="MapOperatorStream"/> builds the broadcaster itself.
    /// </summary>
    public static IServiceCollection AddOperatorStream(this IServiceCollection services, OperatorStreamOptions? options = null)
    {
        services.TryAddSingleton(options ?? OperatorStreamOptions.Default);
        services.TryAddSingleton(provider => Create(provider.GetRequiredService<RuntimeCore>(), provider.GetRequiredService<OperatorStreamOptions>()));
        return services;
    }

    /// <summary>
    /// Maps <c>/api/stream</c> for every method (as the reference did). Open streams end when the
    /// application starts stopping, so a graceful shutdown does not wait on them.
    /// </summary>
    public static IEndpointConventionBuilder MapOperatorStream(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var broadcaster = services.GetService<StreamBroadcaster>();
        if (broadcaster is null)
        {
            var owned = Create(services.GetRequiredService<RuntimeCore>(), services.GetService<OperatorStreamOptions>() ?? OperatorStreamOptions.Default);
            lifetime.ApplicationStopped.Register(() => owned.DisposeAsync().AsTask().GetAwaiter().GetResult());
            broadcaster = owned;
        }

        lifetime.ApplicationStopping.Register(broadcaster.Stop);
        return endpoints.Map(Route, context => StreamConnection.ServeAsync(broadcaster, context));
    }

    private static StreamBroadcaster Create(RuntimeCore core, OperatorStreamOptions options) =>
        new(new StreamSource(core.Store, core.Config, core.Pause), options, core.Time, core.Log);
}
