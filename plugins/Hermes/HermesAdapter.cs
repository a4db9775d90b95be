using AgentRuntime.Plugins.Shared;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Hermes;

/// <summary>The <c>hermes-agent</c> driver (spec §6.5): <c>hermes chat -Q … -q &lt;prompt&gt;</c>.</summary>
internal sealed class HermesAdapter(AdapterContext context) : AgentCliAdapter("hermes-agent", context)
{
    protected override CliInvocation BuildInvocation(CliRunContext run)
    {
        List<string> args = ["chat", "-Q"];
        if (Settings.GetString("model") is { } model)
        {
            args.AddRange(["--model", model]);
        }

        args.AddRange(run.TrustedVmArgs);
        args.AddRange(run.ExtraArgs);
        args.AddRange(["-q", run.Request.Prompt]);
        return new CliInvocation(args, null);
    }

    protected override string ExtractLastMessage(ProcessOutcome outcome, CliRunContext run) =>
        ExtractResponse(outcome.Stdout) is { Length: > 0 } text ? text : outcome.Stderr;

    /// <summary>Drops blank and <c>session_id:</c> lines; prefers the outermost <c>{…}</c> span (spec §6.5).</summary>
    internal static string ExtractResponse(string stdout)
    {
        var joined = string.Join(
            '\n',
            stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("session_id:", StringComparison.Ordinal))).Trim();
        var open = joined.IndexOf('{', StringComparison.Ordinal);
        var close = joined.LastIndexOf('}');
        return open >= 0 && close > open ? joined[open..(close + 1)] : joined;
    }
}
