using System.Text.Json.Nodes;
using AgentRuntime.Host.Backlog;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;
using Serilog;

namespace AgentRuntime.Host.Operations;

/// <summary>
/// Seeds a backlog (spec §1.2, §7.5): its workflows and its tasks in one transaction. An invalid
/// file throws <see cref="BacklogInputException"/>, <see cref="Intake.TaskInputException"/> or
/// <see cref="WorkflowException"/>, all operator errors, and nothing is written.
/// </summary>
internal sealed class BacklogService(RuntimeConfig config, TaskStore tasks, TimeProvider time, ILogger log)
{
    /// <summary>The seeder's summary document (created and skipped workflows, queued tasks), as <c>seed-backlog</c> prints it.</summary>
    public JsonObject Seed(JsonNode? backlog)
    {
        var seeder = new BacklogSeeder(new WorkflowOperations(new WorkflowStore(tasks, time), time, config.ProfileIds), log);
        return seeder.Seed(backlog, config.ProfileIds);
    }
}
