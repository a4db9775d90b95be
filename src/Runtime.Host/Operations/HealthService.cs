using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Health;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Profiles;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Config validation, every configured profile, every adapter (spec §1.2, §7.9). A missing or
/// broken profile is reported, not a crash (reference defect B18).
/// </summary>
/// <param name="config">The loaded config.</param>
/// <param name="adapters">The adapters to healthcheck.</param>
/// <param name="storedDataIssues">Reads the stored rows the dispatcher skips; null when there is no database to read.</param>
internal sealed class HealthService(RuntimeConfig config, AdapterRegistry adapters, Func<IReadOnlyList<string>>? storedDataIssues = null)
{
    public async Task<HealthReportSummary> CheckAsync(CancellationToken cancellationToken)
    {
        var configIssues = ConfigValidator.Validate(config, adapters);
        var profileChecks = new List<ProfileCheck>();
        foreach (var (id, _) in config.Profiles)
        {
            IReadOnlyList<string> issues;
            try
            {
                issues = ProfileLoader.Validate(ProfileLoader.Load(config, id));
            }
            catch (ProfileException ex)
            {
                issues = [ex.Message];
            }

            profileChecks.Add(new ProfileCheck(id, issues));
        }

        var adapterChecks = new List<AdapterCheck>();
        foreach (var entry in config.Adapters)
        {
            var health = await adapters.HealthcheckAsync(entry, cancellationToken).ConfigureAwait(false);
            adapterChecks.Add(new AdapterCheck(entry.Id, health.Ok, health.Detail));
        }

        return new HealthReportSummary(configIssues, profileChecks, adapterChecks) { DataIssues = storedDataIssues?.Invoke() ?? [] };
    }
}
