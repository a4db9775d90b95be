namespace AgentRuntime.Host.Storage;

/// <summary>A process an attempt started, as recorded in <c>attempt_processes</c>.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="ProcessGroup">Its own process group, or null when it shared the runner's.</param>
/// <param name="Identity">Its <c>&lt;boot id&gt;/&lt;start ticks&gt;</c> when it was recorded, or null when it was already gone.</param>
/// <param name="ControlGroup">Its attempt cgroup directory, or null when it ran without one.</param>
internal sealed record RecordedProcess(int Pid, int? ProcessGroup, string? Identity, string? ControlGroup);
