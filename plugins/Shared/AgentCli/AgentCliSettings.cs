using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>The settings checks of spec §7.9 every agent-CLI driver shares, with the reference's exact messages and order.</summary>
internal static class AgentCliSettings
{
    public static List<string> Validate(AdapterContext context)
    {
        var settings = new AdapterSettings(context.Settings);
        var id = context.AdapterId;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.GetString("command")))
        {
            problems.Add($"adapter command missing for {id}");
        }

        if (settings.TimeoutTooLow)
        {
            problems.Add($"adapter timeout too low for {id}");
        }

        if (settings.GetString("settingsFile") is { } settingsFile && !File.Exists(settingsFile))
        {
            problems.Add($"adapter settingsFile missing for {id}: {settingsFile}");
        }

        return problems;
    }
}
