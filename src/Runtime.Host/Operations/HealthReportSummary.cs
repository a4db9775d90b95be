using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>What <c>healthcheck</c> found: config issues, each profile's issues, each adapter's health (spec §1.2, §7.9).</summary>
internal sealed record HealthReportSummary(
    IReadOnlyList<string> ConfigIssues,
    IReadOnlyList<ProfileCheck> ProfileChecks,
    IReadOnlyList<AdapterCheck> AdapterChecks)
{
    public bool Ok => ConfigIssues.Count == 0 && ProfileChecks.All(p => p.Issues.Count == 0) && AdapterChecks.All(a => a.Ok);

    public JsonObject ToJson() => new()
    {
        ["ok"] = Ok,
        ["configIssues"] = Strings(ConfigIssues),
        ["profileChecks"] = new JsonArray([.. ProfileChecks.Select(p => (JsonNode?)new JsonObject { ["profileId"] = p.ProfileId, ["issues"] = Strings(p.Issues) })]),
        ["adapterChecks"] = new JsonArray([.. AdapterChecks.Select(a => (JsonNode?)new JsonObject { ["adapterId"] = a.AdapterId, ["ok"] = a.Ok, ["detail"] = a.Detail.DeepClone() })]),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
