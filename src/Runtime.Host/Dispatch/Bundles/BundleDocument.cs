using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Artifacts;
using AgentRuntime.Host.Dispatch.Text;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Profiles;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>The sections of the bundle document (§5.7 steps 4 and 8) and its hash (step 9).</summary>
internal static class BundleDocument
{
    public const string HashBasisId = "__bundle_hash_basis__";

    /// <summary>Lowercase hex SHA-256 of the JCS form of <paramref name="document"/> with <c>bundle_id</c> replaced by <see cref="HashBasisId"/>.</summary>
    public static string Hash(JsonObject document)
    {
        var basis = (JsonObject)document.DeepClone();
        basis["bundle_id"] = HashBasisId;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsJson.Canonicalize(basis))));
    }

    /// <summary>The task snapshot: no status, counters or timestamps other than <c>created_at</c>, so retries hash alike.</summary>
    public static JsonObject Task(TaskRecord task) => new()
    {
        ["task_id"] = task.TaskId,
        ["kind"] = task.Kind,
        ["source"] = task.Source,
        ["subject"] = task.Subject,
        ["description"] = task.Description,
        ["priority"] = task.Priority,
        ["payload"] = task.Payload.DeepClone(),
        ["requested_profile"] = task.RequestedProfile,
        ["requested_adapter"] = task.RequestedAdapter,
        ["created_at"] = IsoTime.ToIso(task.CreatedAt),
        ["max_attempts"] = task.MaxAttempts,
    };

    /// <summary><c>{ profile_id, style, role, skills }</c> as the profile file holds them (absent fields omitted, as JSON drops <c>undefined</c>).</summary>
    public static JsonObject Profile(Profile profile)
    {
        var section = new JsonObject();
        foreach (var name in new[] { "profile_id", "style", "role", "skills" })
        {
            CopyIfPresent(profile.Document, section, name, name);
        }

        return section;
    }

    public static JsonObject Adapter(AdapterEntry adapter)
    {
        var settings = adapter.Settings;
        var section = new JsonObject { ["adapter_id"] = adapter.Id };
        CopyIfPresent(settings, section, "mode", "mode");
        section["model"] = settings["model"]?.DeepClone();
        CopyIfPresent(settings, section, "timeoutMs", "timeout_ms");
        var args = new JsonObject();
        switch (adapter.Mode)
        {
            case "agent-cli":
                CopyIfPresent(settings, args, "driver", "driver");
                args["sandbox"] = settings["sandbox"]?.DeepClone();
                args["extra_args"] = settings["extraArgs"]?.DeepClone() ?? new JsonArray();
                break;
            case "ollama-generate":
                CopyIfPresent(settings, args, "endpoint", "endpoint");
                break;
            default:
                CopyIfPresent(settings, args, "command", "command");
                args["extra_args"] = settings["extraArgs"]?.DeepClone() ?? new JsonArray();
                break;
        }

        section["behavior_args"] = args;
        return section;
    }

    /// <summary>
    /// <c>{ role, relative_path, exists, sha256 }</c> per artifact reference. A directory exists but
    /// cannot be hashed, which fails compilation as in the reference.
    /// </summary>
    public static JsonArray Artifacts(string artifactDir, JsonObject payload)
    {
        var result = new JsonArray();
        foreach (var reference in ArtifactReferences.Collect(payload))
        {
            var full = NodePath.Join(artifactDir, reference.RelativePath);
            if (Directory.Exists(full))
            {
                throw new IOException($"EISDIR: illegal operation on a directory, read '{full}'");
            }

            var exists = File.Exists(full);
            result.Add((JsonNode)new JsonObject
            {
                ["role"] = reference.Role,
                ["relative_path"] = reference.RelativePath,
                ["exists"] = exists,
                ["sha256"] = exists ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full))) : null,
            });
        }

        return result;
    }

    private static void CopyIfPresent(JsonObject from, JsonObject to, string name, string targetName)
    {
        if (from.TryGetPropertyValue(name, out var value))
        {
            to[targetName] = value?.DeepClone();
        }
    }
}
