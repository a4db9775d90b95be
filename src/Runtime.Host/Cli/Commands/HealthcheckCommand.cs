using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Health;
using AgentRuntime.Host.Profiles;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>healthcheck</c>: config validation, every configured profile, every adapter (spec §1.2, §7.9).
/// A missing or broken profile is reported, not a crash (reference defect B18).
/// </summary>
internal static class HealthcheckCommand
{
    public static Command Create()
    {
        var command = new Command("healthcheck", "Validate the config and profiles and healthcheck every adapter; exit 1 on any problem");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = HostContext.Open(parse.GetValue(GlobalOptions.Config)!);
            var configIssues = ConfigValidator.Validate(host.Config, host.Adapters);
            var profileChecks = new JsonArray();
            var profilesOk = true;
            foreach (var (id, _) in host.Config.Profiles)
            {
                IReadOnlyList<string> issues;
                try
                {
                    issues = ProfileLoader.Validate(ProfileLoader.Load(host.Config, id));
                }
                catch (ProfileException ex)
                {
                    issues = [ex.Message];
                }

                profilesOk &= issues.Count == 0;
                profileChecks.Add(new JsonObject { ["profileId"] = id, ["issues"] = Strings(issues) });
            }

            var adapterChecks = new JsonArray();
            var adaptersOk = true;
            foreach (var entry in host.Config.Adapters)
            {
                var health = await host.Adapters.HealthcheckAsync(entry, ct).ConfigureAwait(false);
                adaptersOk &= health.Ok;
                adapterChecks.Add(new JsonObject { ["adapterId"] = entry.Id, ["ok"] = health.Ok, ["detail"] = health.Detail.DeepClone() });
            }

            var ok = configIssues.Count == 0 && profilesOk && adaptersOk;
            CliOutput.WriteJson(new JsonObject
            {
                ["ok"] = ok,
                ["configIssues"] = Strings(configIssues),
                ["profileChecks"] = profileChecks,
                ["adapterChecks"] = adapterChecks,
            });
            return ok ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
