namespace AgentRuntime.Host.Storage;

/// <summary>A compiled bundle to record (spec §3.2 <c>bundles</c>, §5.7).</summary>
internal sealed record NewBundle
{
    public required string BundleId { get; init; }

    public required string TaskId { get; init; }

    public required string AttemptId { get; init; }

    /// <summary>SHA-256 hex of the canonical bundle document; not unique across attempts.</summary>
    public required string BundleHash { get; init; }

    /// <summary>The runtime name.</summary>
    public string? AgentId { get; init; }

    public required string ProfileId { get; init; }

    public required string AdapterId { get; init; }

    public string? Model { get; init; }

    public string? VariantId { get; init; }

    public string? EvaluatorVersion { get; init; }

    /// <summary>One of <see cref="Dispatch.Bundles.ReplayGrades"/>; the table's CHECK rejects anything else.</summary>
    public required string ReplayGrade { get; init; }

    /// <summary><c>bundles/&lt;YYYY-MM-DD&gt;/&lt;bundle_id&gt;.json</c>, relative to the artifact directory.</summary>
    public required string RelativePath { get; init; }

    /// <summary><c>bundles/&lt;YYYY-MM-DD&gt;/&lt;bundle_id&gt;.prompt.txt</c>, relative to the artifact directory.</summary>
    public required string PromptRelativePath { get; init; }

    /// <summary>The absolute path of the prompt file, stored as the attempt's <c>prompt_path</c>.</summary>
    public required string PromptPath { get; init; }

    /// <summary>The bundle's creation time as ISO text; the store's clock when null.</summary>
    public string? CreatedAt { get; init; }

    /// <summary>
    /// When given, the attempt's adapter is recorded in the same transaction (as
    /// <see cref="IAttemptLog.SetAdapterAsync"/> would), which saves an attempt a commit.
    /// </summary>
    public AttemptAdapter? AttemptAdapter { get; init; }
}
