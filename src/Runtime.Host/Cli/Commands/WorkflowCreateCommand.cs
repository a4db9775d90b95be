using System.CommandLine;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;

namespace AgentRuntime.Host.Cli.Commands;

/// <summary>
/// <c>workflow-create --template name --instance_key key [--context json] [--state state]</c>:
/// create a workflow, or report the existing one with that instance key (spec §1.2).
/// </summary>
internal sealed class WorkflowCreateCommand : HostCommand
{
    public const string MissingMessage = "Provide --template <name> and --instance_key <key>";

    private static readonly Option<string> Template = CommandInputs.Text("--template", "community-research, wallet-onboarding or goal-loop", "name");

    private static readonly Option<string> Key = CommandInputs.Text("--instance_key", "A unique key; creating an existing key again changes nothing", "key");

    private static readonly Option<string> Context = CommandInputs.Text("--context", "The initial context, a JSON object (stored as given)", "json");

    private static readonly Option<string> State = CommandInputs.Text("--state", "The initial state (default: the template's)", "state");

    public WorkflowCreateCommand(CliEnvironment environment)
        : base("workflow-create", "Create a workflow from a template", environment)
    {
        Options.Add(Template);
        Options.Add(Key);
        Options.Add(Context);
        Options.Add(State);
    }

    protected override Task<int> ExecuteAsync(RuntimeCore core, ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Template) is not { Length: > 0 } name || parseResult.GetValue(Key) is not { Length: > 0 } instanceKey)
        {
            throw new CliException(MissingMessage);
        }

        var contextText = parseResult.GetValue(Context);
        if (contextText is not null && CommandInputs.ParseFlagJson("--context", contextText) is not JsonObject)
        {
            throw new CliException("--context: expected a JSON object");
        }

        return Task.FromResult(Print(core.Workflows.Create(name, instanceKey, parseResult.GetValue(State), contextText).ToJson()));
    }
}
