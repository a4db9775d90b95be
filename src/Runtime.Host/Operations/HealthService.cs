using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Health;
using AgentRuntime.Host.Plugins;
using AgentRuntime.Host.Profiles;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Config validation, every configured profile, every adapter (spec §1.2, §7.9). A missing or
/// broken profile is reported, not a crash (reference defect B18).
/// </summary>
internal sealed class HealthService(RuntimeConfig config, AdapterRegistry adapters)
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

        return new HealthReportSummary(configIssues, profileChecks, adapterChecks);
    }
}
