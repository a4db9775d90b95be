using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Configuration;

/// <summary>
/// Type checks of one config file, before merging, so an error names the file that holds the
/// bad value. Semantic checks (a missing command, a too-low timeout) are healthcheck issues,
/// reported without stopping anything (spec §7.9).
/// </summary>
internal static class ConfigSchema
{
    private static readonly string[] StringKeys =
        ["extends", "runtimeName", "runtimePolicy", "stateDir", "logDir", "artifactDir", "dbPath", "lockPath", "defaultProfile", "defaultAdapter"];

    private static readonly string[] PathKeys = ["stateDir", "logDir", "artifactDir", "dbPath", "lockPath"];

    private static readonly string[] NumberKeys = ["maxAttempts", "retryBackoffSeconds", "maxRateLimitRetries", "defaultAdapterTimeoutMs"];

    private static readonly string[] AdapterStringKeys =
        ["mode", "driver", "command", "model", "workingDir", "sandbox", "envFile", "settingsFile", "endpoint", "providerId", "providerName",
         "providerBaseUrl", "providerWireApi", "autonomy", "retry_hint_service", "fallback_adapter", "plugin"];

    private const double MaxCount = 1_000_000;
    private const double MaxBackoffSeconds = 31_536_000;
    private const double MaxTimeoutMs = int.MaxValue;

    public static void Check(string file, JsonObject root)
    {
        foreach (var key in StringKeys)
        {
            Expect(file, root, key, $"$.{key}", JsonValueKind.String, "a string");
        }

        foreach (var key in NumberKeys)
        {
            Expect(file, root, key, $"$.{key}", JsonValueKind.Number, "a number");
        }

        // An empty path resolved to the config's own folder: logs and state landed beside the config.
        foreach (var key in PathKeys)
        {
            if (root[key] is JsonValue path && path.GetValue<string>().Length == 0)
            {
                throw ConfigException.Invalid(file, $"$.{key}", "expected a path, got an empty string");
            }
        }

        // Ranges: a value the runtime cannot use (a backoff of 1e308 s overflows the retry time and
        // crashed run-once with the task left running) is refused when the config loads.
        ExpectRange(file, root, "maxAttempts", 1, MaxCount, "a number of attempts from 1 to 1000000");
        ExpectRange(file, root, "retryBackoffSeconds", 0, MaxBackoffSeconds, "a number of seconds from 0 to 31536000 (one year)");
        ExpectRange(file, root, "maxRateLimitRetries", 0, MaxCount, "a number of retries from 0 to 1000000");
        ExpectRange(file, root, "defaultAdapterTimeoutMs", double.MinValue, MaxTimeoutMs, "a number of milliseconds of at most 2147483647 (about 24 days)");

        if (Expect(file, root, "profiles", "$.profiles", JsonValueKind.Object, "an object mapping profile ids to profile.json paths") is JsonObject profiles)
        {
            foreach (var (id, value) in profiles)
            {
                if (value?.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length == 0)
                {
                    throw ConfigException.Invalid(file, $"$.profiles.{id}", $"expected a path string to a profile.json, got {(value?.GetValueKind() == JsonValueKind.String ? "an empty string" : value.Describe())}");
                }
            }
        }

        if (Expect(file, root, "adapters", "$.adapters", JsonValueKind.Object, "an object mapping adapter ids to adapter objects") is JsonObject adapters)
        {
            foreach (var (id, value) in adapters)
            {
                CheckAdapter(file, id, value);
            }
        }

        if (Expect(file, root, "plugins", "$.plugins", JsonValueKind.Object, "an object with directory, enabled and disabled") is JsonObject plugins)
        {
            Expect(file, plugins, "directory", "$.plugins.directory", JsonValueKind.String, "a path string");
            ExpectStringArray(file, plugins, "enabled", "$.plugins.enabled", "an array of plugin names");
            ExpectStringArray(file, plugins, "disabled", "$.plugins.disabled", "an array of plugin names");
        }

        ExpectPositiveInteger(file, root, "maxConcurrentAttempts", "$.maxConcurrentAttempts");
        ExpectStringArray(file, root, "secretNames", "$.secretNames", "an array of variable names");
        Expect(file, root, "substrate", "$.substrate", JsonValueKind.Object, "an object");

        if (Expect(file, root, "web", "$.web", JsonValueKind.Object, "an object with tokenCredential") is JsonObject web
            && Expect(file, web, "tokenCredential", "$.web.tokenCredential", JsonValueKind.String, "a credential id string") is JsonValue credential
            && credential.GetValue<string>().Length == 0)
        {
            throw ConfigException.Invalid(file, "$.web.tokenCredential", "expected a credential id, got an empty string");
        }
    }

    private static void CheckAdapter(string file, string id, JsonNode? value)
    {
        var path = $"$.adapters.{id}";
        if (value is not JsonObject adapter)
        {
            throw ConfigException.Invalid(file, path, $"expected an adapter object with a \"mode\", got {value.Describe()}");
        }

        foreach (var key in AdapterStringKeys)
        {
            Expect(file, adapter, key, $"{path}.{key}", JsonValueKind.String, "a string");
        }

        Expect(file, adapter, "timeoutMs", $"{path}.timeoutMs", JsonValueKind.Number, "a number of milliseconds");
        ExpectRange(file, adapter, "timeoutMs", double.MinValue, MaxTimeoutMs, "a number of milliseconds of at most 2147483647 (about 24 days)", path);
        ExpectPositiveInteger(file, adapter, "maxConcurrent", $"{path}.maxConcurrent");
        ExpectStringArray(file, adapter, "extraArgs", $"{path}.extraArgs", "an array of strings");
        if (adapter.TryGetPropertyValue("providerRequiresOpenAIAuth", out var auth) && auth is not null
            && auth.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw ConfigException.Invalid(file, $"{path}.providerRequiresOpenAIAuth", $"expected a boolean, got {auth.Describe()}");
        }

        if (Expect(file, adapter, "env", $"{path}.env", JsonValueKind.Object, "an object of string values") is JsonObject env)
        {
            foreach (var (name, envValue) in env)
            {
                if (envValue?.GetValueKind() != JsonValueKind.String)
                {
                    throw ConfigException.Invalid(file, $"{path}.env.{name}", $"expected a string, got {envValue.Describe()}");
                }
            }
        }
    }

    private static JsonNode? Expect(string file, JsonObject obj, string key, string path, JsonValueKind kind, string expected)
    {
        if (!obj.TryGetPropertyValue(key, out var value) || value is null)
        {
            return null;
        }

        return JsonFieldCheck.Kind(value, kind, expected) is { } problem ? throw ConfigException.Invalid(file, path, problem) : value;
    }

    private static void ExpectRange(string file, JsonObject obj, string key, double minimum, double maximum, string expected, string parent = "$")
    {
        if (obj[key] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return;
        }

        if (JsonFieldCheck.Range(value, minimum, maximum, integer: false, expected) is { } problem)
        {
            throw ConfigException.Invalid(file, $"{parent}.{key}", problem);
        }
    }

    /// <summary>A count of attempts: a fraction or zero would silently mean something else, so it is refused.</summary>
    private static void ExpectPositiveInteger(string file, JsonObject obj, string key, string path)
    {
        if (Expect(file, obj, key, path, JsonValueKind.Number, "an integer of at least 1") is { } value
            && JsonFieldCheck.Range(value, 1, int.MaxValue, integer: true, "an integer of at least 1") is { } problem)
        {
            throw ConfigException.Invalid(file, path, problem);
        }
    }

    private static void ExpectStringArray(string file, JsonObject obj, string key, string path, string expected)
    {
        if (Expect(file, obj, key, path, JsonValueKind.Array, expected) is not JsonArray array)
        {
            return;
        }

        foreach (var (index, problem) in JsonFieldCheck.NonStrings(array).Take(1))
        {
            throw ConfigException.Invalid(file, $"{path}[{index}]", problem);
        }
    }
}
