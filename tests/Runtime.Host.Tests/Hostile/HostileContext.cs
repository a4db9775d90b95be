using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>What the generator knows of the prepared runtime: its valid config and profile, a snapshot, a task that has ended, an active and a completed workflow.</summary>
internal sealed record HostileContext(JsonObject Config, JsonObject Profile, JsonObject Snapshot, string EndedTaskId)
{
    public const long ActiveWorkflowId = 1;
    public const long CompletedWorkflowId = 2;

    /// <summary>A config whose one profile is the file the profile cases write (<see cref="HostileProfilePath"/>).</summary>
    public const string ProfileConfigPath = "config/profile-hostile.json";

    public const string HostileProfilePath = "profiles/hostile/profile.json";

    /// <summary>A file inside the state directory that is not a database, for dbPath and stateDir cases (it must stay as it is).</summary>
    public const string NotADatabase = "state/notes.txt";
}
