namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>What a harness run found: each count should be zero but <see cref="Cases"/>.</summary>
internal sealed class HostileFigures
{
    private readonly List<string> _failures = [];

    public int Cases { get; private set; }

    /// <summary>A stack trace, an exception type name, an unexpected-failure line, a 5xx, a timeout.</summary>
    public int Crashes { get; private set; }

    /// <summary>Exit 0 or a 2xx for an input that had to be refused.</summary>
    public int SilentAcceptances { get; private set; }

    /// <summary>A refusal without one <c>error:</c> line (CLI) or without an <c>{ "error" }</c> body (web).</summary>
    public int MessageProblems { get; private set; }

    /// <summary>A file of the state directory (database included) added, removed or changed.</summary>
    public int StateChanges { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    public void Count(HostileCase hostile, string? crash, string? acceptance, string? message, string? stateChange)
    {
        Cases++;
        Crashes += crash is null ? 0 : 1;
        SilentAcceptances += acceptance is null ? 0 : 1;
        MessageProblems += message is null ? 0 : 1;
        StateChanges += stateChange is null ? 0 : 1;
        var problems = new[] { crash, acceptance, message, stateChange }.Where(p => p is not null).ToList();
        if (problems.Count > 0 && _failures.Count < 40)
        {
            _failures.Add($"{hostile}\n    => {string.Join("; ", problems)}");
        }
    }

    public override string ToString() =>
        $"cases {Cases}, crashes {Crashes}, silent acceptances {SilentAcceptances}, message problems {MessageProblems}, state changes {StateChanges}";
}
