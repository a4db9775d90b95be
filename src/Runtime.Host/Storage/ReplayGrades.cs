namespace AgentRuntime.Host.Storage;

/// <summary>The <c>bundles.replay_grade</c> values the table accepts (spec §3.2).</summary>
internal static class ReplayGrades
{
    public const string InputsFrozen = "inputs_frozen";
    public const string BestEffort = "best_effort";
    public const string NonReplayableModel = "non_replayable_model";
}
