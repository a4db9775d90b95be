using System.CommandLine;
using System.Runtime.InteropServices;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// The published <c>agent-runtime</c> is this project compiled with Native AOT: it starts in a few
/// milliseconds but cannot load plugins. It runs the commands that never touch a plugin itself and
/// replaces itself (<c>execv</c>) with the managed plugin host, <c>agent-runtime-host</c> beside it,
/// for every other command line: the plugin commands, help, version and anything it does not know.
/// The exec keeps the process id, the environment, the standard streams and the signals, so systemd
/// (<c>Type=notify</c>) and a shell see one process either way.
/// </summary>
internal static partial class NativeFrontEnd
{
    /// <summary>The managed plugin host's file name in the published folder (<c>scripts/publish.sh</c>).</summary>
    public const string HostFileName = "agent-runtime-host";

    /// <summary>Whether the native front end runs <paramref name="args"/> itself: the first word past the global options names one of its commands.</summary>
    public static bool Runs(RootCommand root, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var command = CommandWord(args);
        return command is not null && root.Subcommands.Any(c => c.Name == command);
    }

    /// <summary>The command word: the first argument that is neither <c>--config</c> (with its value) nor after an option the front end does not know.</summary>
    private static string? CommandWord(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == GlobalOptions.Config.Name)
            {
                i++;
                continue;
            }

            if (arg.StartsWith(GlobalOptions.Config.Name + "=", StringComparison.Ordinal) || arg.StartsWith(GlobalOptions.Config.Name + ":", StringComparison.Ordinal))
            {
                continue;
            }

            // Help, version, response files and unknown options: the plugin host answers them for every command.
            return arg.StartsWith('-') || arg.StartsWith('@') ? null : arg;
        }

        return null;
    }

    /// <summary>Replaces this process with the plugin host running <paramref name="args"/>; returns only when that fails (exit code 1, the reason on stderr).</summary>
    public static int ExecPluginHost(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var host = Path.Combine(AppContext.BaseDirectory, HostFileName);
        if (!File.Exists(host))
        {
            CliOutput.Error(error, $"the plugin host {host} is missing: publish the runtime with scripts/publish.sh <dir>, which puts it beside agent-runtime");
            return ExitCodes.Failure;
        }

        if (string.Equals(Environment.ProcessPath, host, StringComparison.Ordinal))
        {
            // The host itself runs without dynamic code (a broken publish): exec would start it again, forever.
            CliOutput.Error(error, $"the plugin host {host} cannot load plugins: publish the runtime again with scripts/publish.sh <dir>");
            return ExitCodes.Failure;
        }

        var errno = Exec(host, [host, .. args]);
        CliOutput.Error(error, $"cannot start the plugin host {host}: {Marshal.GetPInvokeErrorMessage(errno)}");
        return ExitCodes.Failure;
    }

    private static unsafe int Exec(string path, string[] argv)
    {
        // execv wants a NULL-terminated array of C strings: the last slot stays zero.
        var native = new nint[argv.Length + 1];
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                native[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }

            fixed (nint* list = native)
            {
                ExecV(path, list);
            }

            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var arg in native)
            {
                Marshal.FreeCoTaskMem(arg);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int ExecV(string path, nint* argv);
}
