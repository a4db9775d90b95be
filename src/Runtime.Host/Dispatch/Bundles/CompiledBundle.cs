using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>A compiled, persisted bundle: everything the <c>bundles</c> row (§3.2) and the cycle need.</summary>
internal sealed record CompiledBundle
{
    public required string BundleId { get; init; }

    /// <summary>ISO timestamp (<c>created_at</c>).</summary>
    public required string CreatedAt { get; init; }

    /// <summary>The document in spec key order (the file holds its canonical form).</summary>
    public required JsonObject Document { get; init; }

    /// <summary>Lowercase hex SHA-256 of the canonical document with <c>bundle_id = "__bundle_hash_basis__"</c>.</summary>
    public required string Hash { get; init; }

    /// <summary><c>inputs_frozen</c>, <c>best_effort</c> or <c>non_replayable_model</c> (<see cref="ReplayGrades"/>).</summary>
    public required string ReplayGrade { get; init; }

    /// <summary>The rendered prompt, exactly as written to <see cref="PromptAbsolutePath"/>.</summary>
    public required string Prompt { get; init; }

    /// <summary><c>bundles/&lt;YYYY-MM-DD&gt;/&lt;bundle_id&gt;.json</c>, relative to the artifact root.</summary>
    public required string RelativePath { get; init; }

    /// <summary><c>bundles/&lt;YYYY-MM-DD&gt;/&lt;bundle_id&gt;.prompt.txt</c>.</summary>
    public required string PromptRelativePath { get; init; }

    public required string AbsolutePath { get; init; }

    public required string PromptAbsolutePath { get; init; }

    /// <summary><c>bundles.agent_id</c> = runtimeName.</summary>
    public required string AgentId { get; init; }

    public required string? ProfileId { get; init; }

    public required string AdapterId { get; init; }

    /// <summary>The adapter's <c>model</c>, or null.</summary>
    public required string? Model { get; init; }
}
