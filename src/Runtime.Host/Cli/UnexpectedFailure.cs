using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// A failure no operator error explains (a bug, or input a reader let through). The operator sees
/// one line naming the command and the log that holds the whole exception; never a stack trace.
/// </summary>
internal sealed class UnexpectedFailure : Exception
{
    /// <summary>The event written to the JSONL log for it.</summary>
    public const string EventName = "command_failed_unexpectedly";

    public UnexpectedFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnexpectedFailure(string message)
        : base(message)
    {
    }

    public UnexpectedFailure()
    {
    }

    /// <summary>Records <paramref name="exception"/> whole in the run log of <paramref name="core"/> and returns the one-line failure to show.</summary>
    public static UnexpectedFailure Record(RuntimeCore core, string command, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(exception);
        var logPath = Path.Combine(core.Config.LogDir, "runtime.jsonl");
        try
        {
            core.RunLog.Write(EventName, new JsonObject
            {
                ["command"] = command,
                ["error_type"] = exception.GetType().FullName,
                ["message"] = exception.Message,
                ["exception"] = exception.ToString(),
            });
        }
        catch (Exception logFailure) when (logFailure is IOException or UnauthorizedAccessException)
        {
            return new UnexpectedFailure($"{command} failed unexpectedly: {OneLine(exception.Message)} (the log {logPath} could not be written either)", exception);
        }

        return new UnexpectedFailure($"{command} failed unexpectedly: {OneLine(exception.Message)} (details in {logPath})", exception);
    }

    /// <summary>The first line of <paramref name="message"/>, at most 300 characters.</summary>
    public static string OneLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = message.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
