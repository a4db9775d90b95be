namespace AgentRuntime.Host.Dispatch.Prompting;

/// <summary>
/// Literal prompt lines (spec Appendix A), byte for byte: they end up inside bundle hashes.
/// Each block ends with its empty line.
/// </summary>
internal static class PromptTexts
{
    public const string ClosingLine =
        "Respond in JSON with keys: status, operator_summary, machine_status, file_changes, artifact_paths, follow_up_tasks, external_messages.";

    public static IReadOnlyList<string> StyleBlock(string? style) => style switch
    {
        "codex-like" =>
        [
            "Execution rules:",
            "- Start by using Codex tools and shell commands when the task requires filesystem inspection or changes.",
            "- Do not send an in_progress update or a JSON status blob before you have executed the required commands for this run.",
            "- Do not claim commands were run, files were read, or files were created unless you actually did so in this run.",
            "- If the task requires creating or modifying a file, verify it on disk with a follow-up read/list command before reporting completed.",
            "- Your final JSON status must be completed or blocked. Do not return in_progress.",
            "- If execution is blocked or you cannot verify the file on disk, return blocked instead of describing hypothetical success.",
            "",
        ],
        "claude-like" =>
        [
            "Execution rules:",
            "- Start by using Claude Code tools and shell commands when the task requires filesystem inspection or changes.",
            "- Treat this run as trusted-VM work: do not stop to ask for permissions if the adapter was launched in bypass mode.",
            "- Do not claim commands were run, files were read, or files were created unless you actually did so in this run.",
            "- If the task requires creating or modifying a file, verify it on disk with a follow-up read/list command before reporting completed.",
            "- Your final JSON status must be completed or blocked. Do not return in_progress.",
            "",
        ],
        "hermes-like" =>
        [
            "Execution rules:",
            "- Start by using Hermes terminal and file tools when the task requires filesystem inspection or changes.",
            "- Treat this run as trusted-VM work: do not stop for dangerous-command approvals if the adapter was launched with --yolo.",
            "- Do not claim commands were run, files were read, or files were created unless you actually did so in this run.",
            "- If the task requires creating or modifying a file, verify it on disk with a follow-up read/list command before reporting completed.",
            "- Your final JSON status must be completed or blocked. Do not return in_progress.",
            "",
        ],
        _ => [],
    };

    /// <summary>The task-specific block (A.2): first match wins; <paramref name="declaredPaths"/> only matter for other kinds.</summary>
    public static IReadOnlyList<string> TaskBlock(string kind, IReadOnlyList<string> declaredPaths) => kind switch
    {
        "github-story" =>
        [
            "Task-specific output rules:",
            "- This is summary-only work. Do not create files for this task.",
            "- Report `artifact_paths` as an empty array unless you actually wrote a managed artifact under the runtime artifact directory.",
            "- Do not put repository source paths in `artifact_paths`; mention them in `file_changes` or `operator_summary` instead.",
            "- Report `file_changes` as an empty array unless this run actually edited files.",
            "",
        ],
        "discord-reply" =>
        [
            "Task-specific output rules:",
            "- This is reply-only work. Do not invent repository edits, changelog files, or managed artifacts for this task.",
            "- Draft the reply in `operator_summary` unless the task explicitly asks for another channel-specific format.",
            "- Report `artifact_paths` as an empty array unless you actually wrote a managed artifact under the runtime artifact directory.",
            "- Report `file_changes` as an empty array unless this run actually edited files.",
            "",
        ],
        _ when declaredPaths.Count > 0 =>
        [
            "Task-specific output rules:",
            "- This task declares managed artifacts. If you create or verify them on disk in this run, include their relative managed paths in `artifact_paths`.",
            $"- Expected managed artifact paths for this task: {string.Join(", ", declaredPaths)}.",
            "- Use runtime-managed relative paths like `campaigns/...` or `reports/...`, not absolute filesystem paths, in `artifact_paths`.",
            "",
        ],
        _ => [],
    };

    public static IReadOnlyList<string> ExecutionGuidance { get; } =
    [
        "Execution guidance:",
        "- Read the approved plan directly from disk during this run.",
        "- Artifact paths like plans/... and reports/... are relative to the artifact root above, not the repo root.",
        "- Do not treat prior artifact summaries as proof. Use direct file reads and command output.",
        "",
    ];

    public static IReadOnlyList<string> VerificationGuidance { get; } =
    [
        "Verification guidance:",
        "- Use current-run shell commands, adapter audit bundles, and direct file reads as the source of truth.",
        "- Treat prior artifact summaries as historical context only.",
        "- Artifact paths like plans/... and reports/... are relative to the artifact root above, not the repo root.",
        "- If current-run evidence contradicts an older artifact summary, trust the current-run evidence and explain the contradiction.",
        "",
    ];
}
