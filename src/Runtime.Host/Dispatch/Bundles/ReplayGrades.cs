namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>The <c>bundles.replay_grade</c> values (§5.7 step 7).</summary>
internal static class ReplayGrades
{
    public const string InputsFrozen = "inputs_frozen";
    public const string BestEffort = "best_effort";
    public const string NonReplayableModel = "non_replayable_model";

    /// <summary>A dirty workspace or any uncached external input is best effort; else agent-cli is non-replayable; else inputs are frozen.</summary>
    public static string Derive(string? adapterMode, bool? workspaceDirty, bool anyUncachedInput) =>
        workspaceDirty == true || anyUncachedInput ? BestEffort
        : adapterMode == "agent-cli" ? NonReplayableModel
        : InputsFrozen;
}
