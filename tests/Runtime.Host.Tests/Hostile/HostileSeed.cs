using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>
/// A valid input of one kind and, for each of its fields, values that make it invalid (a wrong
/// type, a number or date out of range, a name nothing configures). The generator starts from the
/// valid input, so every case it makes differs from an accepted one by exactly one defect.
/// </summary>
internal sealed record HostileSeed(string Name, JsonObject Valid, IReadOnlyList<FieldSpec> Fields)
{
    /// <summary>Whether a malformed body means "none" to this input's reader (the tick's and the cancel's bodies): then only strict-JSON defects are hostile.</summary>
    public bool LenientBody { get; init; }

    /// <summary>A string field that ends up in a task's payload, for the oversize mutation (null: none).</summary>
    public string? OversizePath { get; init; }

    /// <summary>Whether the reader must refuse a wrong field (false: a read-only command, which must only not crash).</summary>
    public bool RefusesWrongFields { get; init; } = true;
}
