using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch;

/// <summary>The six audit files of one attempt (spec §6.1), absolute paths.</summary>
internal sealed record AuditPaths(string Directory)
{
    public string Invocation => Path.Combine(Directory, "invocation.json");

    public string Prompt => Path.Combine(Directory, "assembled-context.txt");

    public string Stdout => Path.Combine(Directory, "stdout.log");

    public string Stderr => Path.Combine(Directory, "stderr.log");

    public string LastMessage => Path.Combine(Directory, "last-message.txt");

    public string Result => Path.Combine(Directory, "result.json");

    /// <summary>The audit path keys every adapter result's diagnostics carry.</summary>
    public void AddTo(JsonObject diagnostics)
    {
        diagnostics["audit_dir"] = Directory;
        diagnostics["invocation_path"] = Invocation;
        diagnostics["prompt_path"] = Prompt;
        diagnostics["stdout_path"] = Stdout;
        diagnostics["stderr_path"] = Stderr;
        diagnostics["last_message_path"] = LastMessage;
        diagnostics["result_path"] = Result;
    }
}
