using System.CommandLine;

namespace AgentRuntime.Host.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public const string DefaultConfigPath = "config/runtime.json";

    public static readonly Option<string> Config = new("--config")
    {
        Description = "Runtime config file (relative to the working directory)",
        Recursive = true,
        DefaultValueFactory = _ => DefaultConfigPath,
        HelpName = "path",
    };
}
