using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Dispatch.Outcomes;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Storage;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Dispatch;

/// <summary>From the selected adapter to the end of the attempt.</summary>
internal sealed partial class AttemptPipeline
{
    /// <summary>
    /// The attempt's adapter is recorded with its bundle, in the bundle's transaction: one commit
    /// fewer per attempt than recording it on its own first. Every way out before the bundle (the
    /// adapter cannot run, the bundle does not compile, an exception, the dispatcher stopping)
    /// records it on its own first, so the attempt row ends the same as before.
    /// </summary>
    private async Task<JsonObject> RunSelectedAsync(TaskRecord task, string attemptId, Profile profile, AdapterEntry entry, SecretMasker masker, CancellationToken cancellationToken)
    {
        var attemptAdapter = new AttemptAdapter(entry.Id, entry.Mode ?? "", entry.Model);
        var recorded = false;
        try
        {
            var binding = services.Adapters.Value.Bind(entry);
            var (adapter, problem) = services.Adapters.Value.GetAdapter(binding);
            if (adapter is null)
            {
                await RecordAdapterAsync().ConfigureAwait(false);
                var summary = $"Adapter {entry.Id} cannot run on this host: {problem}";
                await FinalizeAsync(task, null, Outcome(TaskStatuses.PermanentFailure, summary, OutcomeStatuses.MachineFailed, null), summary,
                    Rejected(attemptId, new JsonObject { ["reason"] = "adapter_unavailable", ["adapter_id"] = entry.Id, ["error"] = problem }), cancellationToken).ConfigureAwait(false);
                return CycleResults.Failed(TaskStatuses.PermanentFailure, task.TaskId, attemptId);
            }

            var workflow = (await WorkflowSnapshotAsync(task.Payload, cancellationToken).ConfigureAwait(false))?.Invoke();

            // The bundle carries the workflow's context: its secret values are the attempt's too.
            masker.AddRange(SecretSources.Payload(workflow?["context"], SecretSources.Names(_config)));
            CompiledBundle bundle;
            try
            {
                bundle = BundleCompiler.Compile(new BundleInputs
                {
                    Config = _config,
                    Task = task,
                    Profile = profile,
                    Adapter = entry,
                    Workflow = workflow,
                    Now = _time.GetUtcNow(),
                    WorkingDirectory = services.WorkingDirectory,
                    Masker = masker,
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await RecordAdapterAsync().ConfigureAwait(false);
                return await CompileFailedAsync(task, attemptId, masker.Apply(ex.Message), "bundle_compile_failed", cancellationToken).ConfigureAwait(false);
            }

            await RecordBundleAsync(task, attemptId, bundle, attemptAdapter, cancellationToken).ConfigureAwait(false);
            recorded = true;

            // The adapter's maxConcurrent slot is held while it runs; a dispatcher stopped while this
            // waits refunds the attempt as if it had been stopped running.
            using var slot = services.AdapterSlots is { } slots ? await slots.EnterAsync(entry.Id, cancellationToken).ConfigureAwait(false) : null;
            return await ExecuteAsync(task, attemptId, new AttemptRun(profile, entry, adapter, bundle, masker), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!recorded && !StoreFailure.Is(ex))
        {
            // CancellationToken.None: the dispatcher's token may be what ended the attempt, and the row must still say which adapter it had.
            await services.Attempts.SetAdapterAsync(attemptId, attemptAdapter.Id, attemptAdapter.Kind, attemptAdapter.Model, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        async Task RecordAdapterAsync()
        {
            await services.Attempts.SetAdapterAsync(attemptId, attemptAdapter.Id, attemptAdapter.Kind, attemptAdapter.Model, cancellationToken).ConfigureAwait(false);
            recorded = true;
        }
    }
}
