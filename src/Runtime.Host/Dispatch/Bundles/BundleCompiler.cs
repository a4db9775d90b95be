using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Prompting;
using AgentRuntime.Host.Dispatch.Text;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>Compiles and persists the execution record of one attempt (§5.7).</summary>
internal static class BundleCompiler
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Renders the prompt, builds the document, masks the attempt's secret values in both, hashes it, and writes
    /// <c>&lt;artifactDir&gt;/bundles/&lt;date&gt;/&lt;id&gt;.json</c> (canonical JSON + newline) and
    /// <c>.prompt.txt</c> (the prompt exactly). Any failure throws <see cref="BundleCompilationException"/>
    /// carrying the cause's message; files may then be partly written.
    /// </summary>
    public static CompiledBundle Compile(BundleInputs inputs)
    {
        try
        {
            return CompileCore(inputs);
        }
        catch (Exception ex) when (ex is not BundleCompilationException and not OutOfMemoryException)
        {
            throw new BundleCompilationException(ex.Message, ex);
        }
    }

    /// <summary>The workflow a payload names: <c>payload.workflow_id</c> when a non-zero integral number, else null.</summary>
    public static long? WorkflowId(JsonObject payload) =>
        PayloadReader.Number(payload, "workflow_id") is double id && id != 0 && double.IsFinite(id) && Math.Floor(id) == id ? (long)id : null;

    private static CompiledBundle CompileCore(BundleInputs inputs)
    {
        var config = inputs.Config;
        var task = inputs.Task;
        var createdAt = IsoTime.ToIso(inputs.Now);
        var prompt = inputs.Masker.Apply(PromptBuilder.Build(config, inputs.Profile, task));
        var artifacts = BundleDocument.Artifacts(config.ArtifactDir, task.Payload);
        var externalInputs = ExternalInputs.Normalize(task.Payload);

        // Script adapters do not use their workingDir here (reference quirk B17, kept: it is in the hash).
        var adapterDir = PayloadReader.String(inputs.Adapter.Settings, "workingDir");
        var root = inputs.Adapter.Mode == "agent-cli" && !string.IsNullOrEmpty(adapterDir)
            ? NodePath.Normalize(Path.GetFullPath(adapterDir, inputs.WorkingDirectory)).TrimEnd('/')
            : inputs.WorkingDirectory;
        var workspace = WorkspaceProbe.Detect(root, inputs.GitExecutable);
        var dirty = workspace["dirty"] is JsonValue d ? d.GetValue<bool>() : (bool?)null;
        var replayGrade = ReplayGrades.Derive(inputs.Adapter.Mode, dirty, ExternalInputs.AnyUncached(externalInputs));

        var unmasked = new JsonObject
        {
            ["bundle_version"] = "1",
            ["bundle_id"] = inputs.BundleId,
            ["task"] = BundleDocument.Task(task),
            ["workflow"] = inputs.Workflow?.DeepClone(),
            ["agent"] = new JsonObject
            {
                ["agent_id"] = config.RuntimeName,
                ["internal_name"] = config.RuntimeName,
                ["external_name"] = null,
                ["onchain_identity"] = null,
            },
            ["constitution"] = new JsonObject
            {
                ["soul"] = new JsonObject { ["status"] = "absent" },
                ["purpose"] = new JsonObject { ["status"] = "absent" },
            },
            ["profile"] = BundleDocument.Profile(inputs.Profile),
            ["adapter"] = BundleDocument.Adapter(inputs.Adapter),
            ["workspace"] = workspace,
            ["artifacts"] = artifacts,
            ["external_inputs"] = externalInputs,
            ["prompt"] = new JsonObject { ["rendered_text"] = prompt },
        };

        // The hash covers the masked document: it must match the persisted file, and a hash of the
        // unmasked text would let anyone holding the bundle test guesses of a short secret offline.
        var document = inputs.Masker.Apply(unmasked)!;
        var hash = BundleDocument.Hash(document);

        var date = createdAt[..10];
        var relativePath = $"bundles/{date}/{inputs.BundleId}.json";
        var promptRelativePath = $"bundles/{date}/{inputs.BundleId}.prompt.txt";
        var absolutePath = NodePath.Join(config.ArtifactDir, relativePath);
        var promptAbsolutePath = NodePath.Join(config.ArtifactDir, promptRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(absolutePath)!);
        File.WriteAllText(absolutePath, JsJson.Canonicalize(document) + "\n", Utf8NoBom);
        File.WriteAllText(promptAbsolutePath, prompt, Utf8NoBom);

        return new CompiledBundle
        {
            BundleId = inputs.BundleId,
            CreatedAt = createdAt,
            Document = document,
            Hash = hash,
            ReplayGrade = replayGrade,
            Prompt = prompt,
            RelativePath = relativePath,
            PromptRelativePath = promptRelativePath,
            AbsolutePath = absolutePath,
            PromptAbsolutePath = promptAbsolutePath,
            AgentId = config.RuntimeName,
            ProfileId = inputs.Profile.ProfileId,
            AdapterId = inputs.Adapter.Id,
            Model = inputs.Adapter.Model,
        };
    }
}
