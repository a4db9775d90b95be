using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>What <c>healthcheck</c> found: config issues, each profile's issues, each adapter's health (spec §1.2, §7.9).</summary>
internal sealed record HealthReportSummary(
    IReadOnlyList<string> ConfigIssues,
    IReadOnlyList<ProfileCheck> ProfileChecks,
    IReadOnlyList<AdapterCheck> AdapterChecks)
{
    /// <summary>Stored rows the dispatcher skips (see <see cref="Health.StoredDataCheck"/>).</summary>
    public IReadOnlyList<string> DataIssues { get; init; } = [];

    public bool Ok => ConfigIssues.Count == 0 && ProfileChecks.All(p => p.Issues.Count == 0) && AdapterChecks.All(a => a.Ok) && DataIssues.Count == 0;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["ok"] = Ok,
            ["configIssues"] = Strings(ConfigIssues),
            ["profileChecks"] = new JsonArray([.. ProfileChecks.Select(p => (JsonNode?)new JsonObject { ["profileId"] = p.ProfileId, ["issues"] = Strings(p.Issues) })]),
            ["adapterChecks"] = new JsonArray([.. AdapterChecks.Select(a => (JsonNode?)new JsonObject { ["adapterId"] = a.AdapterId, ["ok"] = a.Ok, ["detail"] = a.Detail.DeepClone() })]),
        };

        // Only when there is something to say: a healthy report keeps the reference's shape.
        if (DataIssues.Count > 0)
        {
            json["dataIssues"] = Strings(DataIssues);
        }

        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
