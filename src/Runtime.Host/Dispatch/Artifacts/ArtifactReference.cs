namespace AgentRuntime.Host.Dispatch.Artifacts;

/// <summary>
/// An artifact a task payload names (§5.7 step 4): its role (<c>proposal_artifact</c>,
/// <c>implementation_artifact</c>, <c>verification_artifact</c>, <c>required_artifact</c>,
/// <c>artifact_path</c>) and its S1-sanitized path relative to the artifact root.
/// </summary>
internal sealed record ArtifactReference(string Role, string RelativePath)
{
    /// <summary>Declared (expected to be produced) as opposed to merely listed in <c>artifact_paths</c>.</summary>
    public bool IsDeclared => Role == "required_artifact" || Role.EndsWith("_artifact", StringComparison.Ordinal);
}
