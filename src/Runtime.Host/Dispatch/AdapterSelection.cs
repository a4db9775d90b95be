using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch;

/// <summary>The outcome of walking a fallback chain: what was asked for, what will run, and every probe on the way.</summary>
internal sealed record AdapterSelection(string RequestedAdapter, string SelectedAdapter, JsonArray Chain)
{
    public bool FellBack => RequestedAdapter != SelectedAdapter;
}
