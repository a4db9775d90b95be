using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>Reads the dashboard state (spec §2.3): task counts, the last event and the dispatch pause.</summary>
internal sealed class DashboardService(string runtimeName, IStatusQueries queries, PauseService pause)
{
    public async Task<DashboardState> ReadAsync(CancellationToken cancellationToken)
    {
        var status = await queries.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        return new DashboardState(runtimeName, status, pause.Read());
    }
}
