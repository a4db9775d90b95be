using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Cli.Commands;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Cli;

/// <summary>
/// The base of every command (the shape of Aspire's <c>BaseCommand</c>): a command declares its
/// options as static fields, and its <see cref="ExecuteAsync"/> parses them, calls one core service
/// and prints the typed result. Building the core from <c>--config</c> and disposing it happen here
/// only; operator errors (<see cref="OperatorException"/>) are mapped to exit codes once, in <see cref="CliApp"/>.
/// </summary>
internal abstract class HostCommand : Command
{
    protected HostCommand(string name, string description, CliEnvironment environment)
        : base(name, description)
    {
        Environment = environment;
        SetAction(RunAsync);
    }

    protected CliEnvironment Environment { get; }

    /// <summary>The core the running command opened: its config says which values <see cref="Print"/> masks.</summary>
    private RuntimeCore? _core;

    /// <summary>Runs the command against an opened core; returns the exit code (<see cref="ExitCodes"/>).</summary>
    protected abstract Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken);

    /// <summary>Prints <paramref name="result"/> on stdout, its secret values masked (<see cref="DisplayMasking"/>), and returns <paramref name="exitCode"/>.</summary>
    protected int Print(JsonNode? result, int exitCode = ExitCodes.Success)
    {
        CliOutput.WriteJson(Environment.Out, _core is null ? result : DisplayMasking.Apply(result, _core.Config));
        return exitCode;
    }

    /// <summary>A path given on the command line, made absolute against the working directory.</summary>
    protected string FullPath(string path) => Path.GetFullPath(path, Environment.WorkingDirectory);

    /// <summary>The JSON of <c>--json</c>, else of the <c>--file</c> file; neither → <paramref name="missingMessage"/>.</summary>
    protected JsonNode? ReadJsonOrFile(string? json, string? file, string missingMessage) =>
        json is not null ? CommandInputs.ParseFlagJson("--json", json) : ReadFile(file, missingMessage);

    /// <summary>The JSON in the file named by a <c>--file</c>-style flag; a missing flag → <paramref name="missingMessage"/>. Errors name the file.</summary>
    protected JsonNode? ReadFile(string? file, string missingMessage, string flag = "--file") =>
        CommandInputs.ReadFile(file, Environment.WorkingDirectory, missingMessage, flag);

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        // The config loads before any flag is checked, so a broken config is reported first, as before.
        await using var core = RuntimeCore.Open(parseResult.GetValue(GlobalOptions.Config)!, Environment.Core, Environment.WorkingDirectory);
        _core = core;
        try
        {
            return await ExecuteAsync(core, parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailure.Is(ex))
        {
            // A database that is locked, read-only, full or missing is the operator's to fix: one
            // line naming the file and the cause instead of the driver's error code. The whole
            // exception still goes to the log, when the log can be written.
            _ = UnexpectedFailure.Record(core, Name, ex);
            throw StoreFailure.Unavailable(ex, core.Config.DbPath);
        }
        catch (Exception ex) when (EnvironmentFailure.Is(ex))
        {
            _ = UnexpectedFailure.Record(core, Name, ex);
            throw new EnvironmentFailure($"{Name} failed: {UnexpectedFailure.OneLine(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is not (OperatorException or OperationCanceledException))
        {
            // Written while the core (and its log) is still open; CliApp prints the one line.
            throw UnexpectedFailure.Record(core, Name, ex);
        }
    }
}
