using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.Web.Stream;

/// <summary>One Server-Sent Events block as received: its fields, or a comment line.</summary>
internal sealed record SseMessage(string? Id, string? Event, string? Data, string? Retry, string? Comment)
{
    public JsonObject Json => JsonNode.Parse(Data ?? throw new InvalidOperationException($"no data in {this}"))!.AsObject();

    public long IdValue => long.Parse(Id ?? throw new InvalidOperationException($"no id in {this}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ids of the events an <c>events</c> frame carries.</summary>
    public IReadOnlyList<long> EventIds => [.. Json["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>())];
}
