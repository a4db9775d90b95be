using System.CommandLine;
using AgentRuntime.Host.Web;
using AgentRuntime.Host.Web.Security;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>The web server's flags, shared by <c>web</c> and <c>serve</c>: one definition, read into <see cref="WebServerOptions"/> in one place.</summary>
internal static class WebServerFlags
{
    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address the web server binds (default 127.0.0.1; off loopback, writes need a token)",
        DefaultValueFactory = _ => WebServerOptions.DefaultHost,
        HelpName = "addr",
    };

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port the web server binds (0 picks a free one)",
        DefaultValueFactory = _ => WebServerOptions.DefaultPort,
        HelpName = "n",
    };

    private static readonly Option<bool> AllowUnauthenticatedWrites = new("--allow-unauthenticated-writes")
    {
        Description = "Off loopback without a token, accept writes from anyone on the network (the reference's behaviour)",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Host);
        command.Options.Add(Port);
        command.Options.Add(AllowUnauthenticatedWrites);
    }

    /// <summary>The server options the flags (and <c>AGENT_RUNTIME_WEB_TOKEN</c>) ask for.</summary>
    public static WebServerOptions Read(ParseResult parseResult, CliEnvironment environment) => new()
    {
        ConfigPath = parseResult.GetValue(GlobalOptions.Config)!,
        WorkingDirectory = environment.WorkingDirectory,
        Host = parseResult.GetValue(Host)!,
        Port = parseResult.GetValue(Port),
        AllowUnauthenticatedWrites = parseResult.GetValue(AllowUnauthenticatedWrites),
        EnvironmentToken = System.Environment.GetEnvironmentVariable(WebToken.EnvironmentVariable),
        Core = environment.Core,
    };
}
