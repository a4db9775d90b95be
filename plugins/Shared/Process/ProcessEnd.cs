namespace AgentRuntime.Plugins.Shared;

/// <summary>How a launched process ended, from the runner's point of view.</summary>
internal enum ProcessEnd
{
    /// <summary>It exited and its output pipes closed.</summary>
    Exited,

    /// <summary>It outlived its timeout; the process group was terminated.</summary>
    TimedOut,

    /// <summary>It could not be started (missing or non-executable command, bad working directory).</summary>
    SpawnFailed,
}
