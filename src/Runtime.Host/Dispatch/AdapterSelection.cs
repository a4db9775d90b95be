using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch;

/// <summary>The outcome of walking a fallback chain: what was asked for, what will run, and every probe on the way.</summary>
internal sealed record AdapterSelection(string RequestedAdapter, string SelectedAdapter, JsonArray Chain)
{
    public bool FellBack => RequestedAdapter != SelectedAdapter;

    /// <summary>The probe entry of the selected adapter (the last one probed).</summary>
    public bool SelectedOk => Chain.Count > 0 && Chain[^1]?["ok"]?.GetValue<bool>() == true;
}
