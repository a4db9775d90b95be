using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Artifacts;

/// <summary>Extracts the artifact references of a task payload (§5.7 step 4), used by the bundle and the prompt.</summary>
internal static class ArtifactReferences
{
    public static IReadOnlyList<ArtifactReference> Collect(JsonObject payload)
    {
        var references = new List<ArtifactReference>();
        void Add(string role, JsonNode? node)
        {
            if (PayloadReader.String(node) is not { } value)
            {
                return;
            }

            var relative = ManagedPaths.SanitizeS1(value);
            var reference = new ArtifactReference(role, relative);
            if (relative.Length > 0 && !references.Contains(reference))
            {
                references.Add(reference);
            }
        }

        Add("proposal_artifact", payload["proposal_artifact"]);
        Add("implementation_artifact", payload["implementation_artifact"]);
        Add("verification_artifact", payload["verification_artifact"]);
        foreach (var item in payload["required_artifacts"] as JsonArray ?? [])
        {
            Add("required_artifact", item);
        }

        foreach (var item in payload["artifact_paths"] as JsonArray ?? [])
        {
            Add("artifact_path", item);
        }

        return references;
    }
}
