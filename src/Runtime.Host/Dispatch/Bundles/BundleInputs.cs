using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>What a bundle is compiled from (§5.7). The cycle supplies the clock, the id and the workflow snapshot.</summary>
internal sealed record BundleInputs
{
    public required RuntimeConfig Config { get; init; }

    public required TaskRecord Task { get; init; }

    public required Profile Profile { get; init; }

    /// <summary>The selected adapter (after fallback).</summary>
    public required AdapterEntry Adapter { get; init; }

    /// <summary>
    /// <c>{ id, template, instance_key, current_state, context }</c> of the workflow named by
    /// <see cref="BundleCompiler.WorkflowId"/>, or null when there is none. Copied into the document.
    /// </summary>
    public JsonObject? Workflow { get; init; }

    /// <summary>The bundle's <c>created_at</c>.</summary>
    public required DateTimeOffset Now { get; init; }

    public string BundleId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The process working directory: the workspace root for adapters other than agent-cli.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The attempt's secret values, masked in the rendered prompt and the document before they are hashed and written.</summary>
    public SecretMasker Masker { get; init; } = SecretMasker.None;

    /// <summary>The git executable used to describe the workspace (looked up on PATH when bare).</summary>
    public string GitExecutable { get; init; } = "git";
}
