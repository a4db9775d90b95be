using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Profiles;

/// <summary>Loads profiles named in config, with the reference messages (spec §4.7) and validation issues (§7.9).</summary>
internal static class ProfileLoader
{
    /// <exception cref="ProfileException">The id is not configured, the file is missing, or it is not a JSON object.</exception>
    public static Profile Load(RuntimeConfig config, string profileId)
    {
        var path = config.FindProfilePath(profileId) ?? throw new ProfileException($"Unknown profile: {profileId}");
        if (!File.Exists(path))
        {
            throw new ProfileException($"Profile file not found: {path}");
        }

        JsonNode? node;
        try
        {
            node = JsJson.Parse(InputText.Read(path));
        }
        catch (InputFileException ex)
        {
            throw new ProfileException($"Profile file {path} {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new ProfileException($"Profile file {path} is not valid JSON: {ex.Message}", ex);
        }

        return node is JsonObject document
            ? new Profile { Path = path, Document = document }
            : throw new ProfileException($"Profile file {path} must hold a JSON object, got {node.Describe()}");
    }

    /// <summary>The profile issues of spec §7.9, exact strings.</summary>
    public static IReadOnlyList<string> Validate(Profile profile)
    {
        var issues = new List<string>();
        var id = profile.ProfileId;
        if (string.IsNullOrWhiteSpace(id))
        {
            issues.Add("profile_id is required");
        }

        var name = string.IsNullOrWhiteSpace(id) ? "<unknown>" : id;
        if (string.IsNullOrWhiteSpace(profile.Role))
        {
            issues.Add($"profile {name} is missing role");
        }

        if (profile.SystemPromptParts.Count == 0)
        {
            issues.Add($"profile {name} has no system_prompt_parts");
        }

        if (string.IsNullOrWhiteSpace(profile.DefaultAdapter))
        {
            issues.Add($"profile {name} is missing default_adapter");
        }

        issues.AddRange(ProfileSchema.TypeIssues(profile.Document, name));

        return issues;
    }
}
