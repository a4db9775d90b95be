using AgentRuntime.Host.Tests.Hostile;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>What the hostile-environment harness asks of every command and of the state it leaves.</summary>
internal static class HostileEnvironmentChecks
{
    public const string Completed = """{"status":"completed","operator_summary":"done","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}""";

    /// <summary>A runtime whose default adapter runs <paramref name="script"/> (which should end by echoing <see cref="Completed"/>).</summary>
    public static TestRuntime Runtime(string script, int maxAttempts = 3)
    {
        var runtime = new TestRuntime();
        runtime.Config["maxAttempts"] = maxAttempts;
        runtime.AddScriptAdapter("script-ok", script, timeoutMs: 60_000);
        runtime.Save();
        return runtime;
    }

    public static string TaskJson(string subject) => $$$"""{"kind":"k","source":"hostile-environment","subject":"{{{subject}}}","payload":{}}""";

    /// <summary>A stack trace, an exception type, an unexpected-failure line or the database driver's own error text.</summary>
    public static bool IsCrash(CliResult result) =>
        Refusal.IsCrash(result) || result.Stderr.Contains("SQLite Error", StringComparison.Ordinal) || result.Stdout.Contains("   at ", StringComparison.Ordinal);

    /// <summary>Why <paramref name="result"/> is not a clear failure (non-zero exit, one <c>error:</c> line naming something under <paramref name="path"/>, no crash), or null.</summary>
    public static string? Unclear(CliResult result, string path)
    {
        if (result.ExitCode == 0)
        {
            return "exit 0";
        }

        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        if (errors.Count != 1)
        {
            return $"expected one 'error:' line on stderr, got {errors.Count}";
        }

        if (IsCrash(result))
        {
            return "crashed";
        }

        return errors[0].Contains(path, StringComparison.Ordinal) ? null : $"the error does not name {path}";
    }

    /// <summary>Either it worked (exit 0, no crash) or it failed clearly (<see cref="Unclear"/>).</summary>
    public static string? WorkedOrClear(CliResult result, string path) =>
        result.ExitCode == 0 ? (IsCrash(result) ? "crashed" : null) : Unclear(result, path);

    /// <summary>Records a problem of <paramref name="result"/> with its command, if any.</summary>
    public static void Note(List<string> problems, string? problem, string command, CliResult result)
    {
        if (problem is not null)
        {
            problems.Add($"{command}: {problem}\n{result}");
        }
    }
}
