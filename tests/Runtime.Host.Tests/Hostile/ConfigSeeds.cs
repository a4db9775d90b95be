using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>The config and profile files as <see cref="HostileSeed"/>s: every key with values the loader or healthcheck must refuse.</summary>
internal static class ConfigSeeds
{
    private static readonly JsonNode?[] NotAString = [7, true, new JsonArray(), new JsonObject()];
    private static readonly JsonNode?[] NotAPath = [7, true, new JsonArray(), "", null, "../state/a\u0000b"];

    public static HostileSeed Config(JsonObject valid) => new(
        "config",
        valid,
        [
            FieldSpec.Of("runtimeName", NotAString), FieldSpec.Of("runtimePolicy", NotAString),
            FieldSpec.Of("defaultProfile", NotAString), FieldSpec.Of("defaultAdapter", NotAString),
            FieldSpec.Of("stateDir", [.. NotAPath, "../" + HostileContext.NotADatabase]),
            FieldSpec.Of("logDir", [.. NotAPath, "../" + HostileContext.NotADatabase]),
            FieldSpec.Of("artifactDir", [.. NotAPath, "../" + HostileContext.NotADatabase]),
            FieldSpec.Of("dbPath", [.. NotAPath, "../state", "../" + HostileContext.NotADatabase]),
            FieldSpec.Of("lockPath", NotAPath),
            FieldSpec.Of("maxAttempts", "3", 0, 1e308, -1, true, 1.5e6),
            FieldSpec.Of("retryBackoffSeconds", "60", -1, 1e308, 1e10, new JsonArray()),
            FieldSpec.Of("maxRateLimitRetries", -1, 1e9, "5"),
            FieldSpec.Of("defaultAdapterTimeoutMs", "x", 1e300, 3e9),
            FieldSpec.Of("maxConcurrentAttempts", 0, 1.5, "2", -3, 1e12),
            FieldSpec.Of("profiles", new JsonArray(), "x", 7, null, new JsonObject { ["tester"] = 7 }, new JsonObject { ["bad"] = new JsonArray() }),
            FieldSpec.Of(
                "adapters",
                new JsonArray(), "x", null,
                new JsonObject { ["a"] = 5 },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = 7 } },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = "script", ["timeoutMs"] = "x" } },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = "script", ["timeoutMs"] = 1e20 } },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = "script", ["extraArgs"] = "x" } },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = "script", ["env"] = new JsonObject { ["K"] = 5 } } },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = "script", ["maxConcurrent"] = 0 } },
                new JsonObject { ["a"] = new JsonObject { ["mode"] = "script", ["providerRequiresOpenAIAuth"] = "yes" } }),
            FieldSpec.Of("plugins", "x", new JsonObject { ["enabled"] = "x" }, new JsonObject { ["disabled"] = new JsonArray(1) }, new JsonObject { ["directory"] = 7 }),
            FieldSpec.Of("substrate", "x", 5, new JsonArray()),
            FieldSpec.Of("web", "x", new JsonObject { ["tokenCredential"] = "" }, new JsonObject { ["tokenCredential"] = 5 }),
            FieldSpec.Of("extends", 7, "missing.json", "hostile.json", "../state", "a\u0000b", new JsonArray()),
        ]);

    public static HostileSeed Profile(JsonObject valid) => new(
        "profile",
        valid,
        [
            FieldSpec.Of("profile_id", 7, "", new JsonArray()),
            FieldSpec.Of("role", 7, "", new JsonArray()),
            FieldSpec.Of("system_prompt_parts", "x", new JsonArray(), new JsonArray(1), 7),
            FieldSpec.Of("default_adapter", 5, "", new JsonArray()),
            FieldSpec.Of("style", 3, new JsonArray()),
            FieldSpec.Of("skills", "x", new JsonArray(2), 5),
            FieldSpec.Of(
                "context_policy",
                "x", 5,
                new JsonObject { ["max_prompt_chars"] = "x" },
                new JsonObject { ["max_prompt_chars"] = 0 },
                new JsonObject { ["max_prompt_chars"] = 1e308 }),
        ]);
}
