using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Configuration;

/// <summary>
/// Loads the reference JSON config format (spec §4): per-file path resolution, <c>extends</c>
/// chains with cycle detection, and the merge rules (top level shallow, <c>profiles</c> per key,
/// <c>adapters</c> per id as whole objects). New: the <c>plugins</c> block merges per field so a
/// host override can disable one plugin without repeating the directory.
/// </summary>
internal static class ConfigLoader
{
    public const double DefaultMaxAttempts = 3;
    public const double DefaultRetryBackoffSeconds = 60;
    public const int DefaultMaxRateLimitRetries = 5;

    /// <summary>The attempt time limit of an adapter without <c>timeoutMs</c>: 10 minutes, as the host always bounded it.</summary>
    public const double DefaultAdapterTimeoutMs = 600_000;

    private static readonly string[] PathKeys = ["stateDir", "logDir", "artifactDir", "dbPath", "lockPath"];

    public static RuntimeConfig Load(string path, string? workingDirectory = null)
    {
        if (InputText.PathProblem(path) is { } problem)
        {
            throw new ConfigException($"--config: {problem}");
        }

        var full = Path.GetFullPath(path, workingDirectory ?? Directory.GetCurrentDirectory());
        var layer = LoadLayer(full, new HashSet<string>(StringComparer.Ordinal));
        var config = Build(full, layer);
        DatabaseFileCheck.Check(full, config.DbPath);
        CreateDirectory(full, "stateDir", config.StateDir);
        CreateDirectory(full, "logDir", config.LogDir);
        CreateDirectory(full, "artifactDir", config.ArtifactDir);
        return config;
    }

    private static void CreateDirectory(string file, string key, string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ConfigException.Invalid(file, $"$.{key}", $"cannot create the directory {path} ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    private sealed record Layer(JsonObject Root, Dictionary<string, string> AdapterFiles);

    private static Layer LoadLayer(string file, HashSet<string> chain)
    {
        if (!chain.Add(file))
        {
            throw new ConfigException($"Config extends cycle detected at {file}");
        }

        if (!File.Exists(file) && !Directory.Exists(file) && !IsLink(file))
        {
            throw new ConfigException($"Config not found: {file}. Copy config/runtime.example.json to config/runtime.json first.");
        }

        JsonNode? parsed;
        try
        {
            parsed = JsJson.Parse(InputText.Read(file));
        }
        catch (InputFileException ex)
        {
            throw new ConfigException($"Invalid config {file}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"Invalid config {file}: not valid JSON ({ex.Message})", ex);
        }

        if (parsed is not JsonObject root)
        {
            throw ConfigException.Invalid(file, "$", $"expected a JSON object, got {parsed.Describe()}");
        }

        ConfigSchema.Check(file, root);
        var directory = Path.GetDirectoryName(file)!;
        NormalizePaths(root, directory);
        var adapterFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["adapters"] is JsonObject adapters)
        {
            foreach (var (id, _) in adapters)
            {
                adapterFiles[id] = file;
            }
        }

        var extends = root.GetString("extends");
        root.Remove("extends");
        var layer = new Layer(root, adapterFiles);
        if (string.IsNullOrEmpty(extends))
        {
            return layer;
        }

        if (InputText.PathProblem(extends) is { } problem)
        {
            throw ConfigException.Invalid(file, "$.extends", problem);
        }

        var parent = LoadLayer(Path.GetFullPath(extends, directory), chain);
        return Merge(parent, layer);
    }

    private static void NormalizePaths(JsonObject root, string directory)
    {
        foreach (var key in PathKeys)
        {
            ResolveIfString(root, key, directory);
        }

        if (root["profiles"] is JsonObject profiles)
        {
            foreach (var id in profiles.Select(p => p.Key).ToList())
            {
                ResolveIfString(profiles, id, directory);
            }
        }

        if (root["adapters"] is JsonObject adapters)
        {
            foreach (var (_, node) in adapters)
            {
                if (node is JsonObject adapter && adapter.GetString("mode") is "agent-cli" or "script")
                {
                    NormalizeProcessAdapter(adapter, directory);
                }
            }
        }

        if (root["plugins"] is JsonObject plugins)
        {
            ResolveIfString(plugins, "directory", directory);
        }
    }

    private static void NormalizeProcessAdapter(JsonObject adapter, string directory)
    {
        // A bare command name stays bare and is looked up on PATH at run time.
        if (adapter.GetString("command") is { } command && command.Contains('/', StringComparison.Ordinal))
        {
            adapter["command"] = Path.GetFullPath(command, directory);
        }

        adapter["workingDir"] = adapter.GetString("workingDir") is { } workingDir
            ? Path.GetFullPath(workingDir, directory)
            : directory;
        ResolveIfString(adapter, "envFile", directory);
        ResolveIfString(adapter, "settingsFile", directory);
    }

    private static void ResolveIfString(JsonObject obj, string key, string directory)
    {
        if (obj.GetString(key) is { } value)
        {
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ConfigException($"Invalid config: \"{key}\": expected a path, got text holding a NUL character");
            }

            obj[key] = Path.GetFullPath(value, directory);
        }
    }

    private static Layer Merge(Layer parent, Layer child)
    {
        var merged = (JsonObject)parent.Root.DeepClone();
        foreach (var (key, value) in child.Root)
        {
            switch (key)
            {
                case "profiles" when merged[key] is JsonObject baseProfiles && value is JsonObject childProfiles:
                    MergePerKey(baseProfiles, childProfiles);
                    break;
                case "adapters" when merged[key] is JsonObject baseAdapters && value is JsonObject childAdapters:
                    MergePerKey(baseAdapters, childAdapters);
                    break;
                case "plugins" when merged[key] is JsonObject basePlugins && value is JsonObject childPlugins:
                    MergePerKey(basePlugins, childPlugins);
                    break;
                default:
                    merged[key] = value?.DeepClone();
                    break;
            }
        }

        var files = new Dictionary<string, string>(parent.AdapterFiles, StringComparer.Ordinal);
        foreach (var (id, file) in child.AdapterFiles)
        {
            files[id] = file;
        }

        return new Layer(merged, files);
    }

    /// <summary>Child wins per key; a replaced key keeps the parent's position, new keys follow.</summary>
    private static void MergePerKey(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }

    private static RuntimeConfig Build(string file, Layer layer)
    {
        var root = layer.Root;
        if (root["profiles"] is not JsonObject profiles || root["adapters"] is not JsonObject adapters)
        {
            throw new ConfigException($"Invalid runtime config: {file}: \"profiles\" and \"adapters\" must both be objects");
        }

        return new RuntimeConfig
        {
            SourcePath = file,
            RuntimeName = root.GetString("runtimeName") ?? "",
            RuntimePolicy = root.GetString("runtimePolicy") ?? "",
            StateDir = RequirePath(file, root, "stateDir"),
            LogDir = RequirePath(file, root, "logDir"),
            ArtifactDir = RequirePath(file, root, "artifactDir"),
            DbPath = RequirePath(file, root, "dbPath"),
            LockPath = RequirePath(file, root, "lockPath"),
            DefaultProfile = root.GetString("defaultProfile") ?? "",
            DefaultAdapter = root.GetString("defaultAdapter") ?? "",
            MaxAttempts = (int)Math.Floor(root.GetNumber("maxAttempts") ?? DefaultMaxAttempts),
            RetryBackoffSeconds = root.GetNumber("retryBackoffSeconds") ?? DefaultRetryBackoffSeconds,
            MaxRateLimitRetries = (int)Math.Floor(root.GetNumber("maxRateLimitRetries") ?? DefaultMaxRateLimitRetries),
            MaxConcurrentAttempts = (int)(root.GetNumber("maxConcurrentAttempts") ?? 1),
            DefaultAdapterTimeout = TimeSpan.FromMilliseconds(root.GetNumber("defaultAdapterTimeoutMs") is { } ms && ms > 0 ? ms : DefaultAdapterTimeoutMs),
            Profiles = profiles.Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>())).ToList(),
            Adapters = adapters.Select(a => new AdapterEntry
            {
                Id = a.Key,
                Settings = (JsonObject)a.Value!,
                DeclaringFile = layer.AdapterFiles.GetValueOrDefault(a.Key, file),
            }).ToList(),
            Plugins = BuildPlugins(root["plugins"] as JsonObject),
            Substrate = root["substrate"] as JsonObject,
            Web = new WebSettings { TokenCredential = (root["web"] as JsonObject)?.GetString("tokenCredential") },
            SecretNames = root["secretNames"] is JsonArray secretNames ? [.. secretNames.Select(n => n!.GetValue<string>())] : [],
        };
    }

    private static string RequirePath(string file, JsonObject root, string key) =>
        root.GetString(key) is { Length: > 0 } value
            ? value
            : throw ConfigException.Invalid(file, $"$.{key}", "required; expected a path string (relative paths resolve against the file that declares them)");

    private static PluginSettings BuildPlugins(JsonObject? plugins)
    {
        if (plugins is null)
        {
            return new PluginSettings();
        }

        static IReadOnlyList<string>? Names(JsonNode? node) =>
            node is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : null;

        return new PluginSettings
        {
            Directory = plugins.GetString("directory"),
            Enabled = Names(plugins["enabled"]),
            Disabled = Names(plugins["disabled"]) ?? [],
        };
    }

    /// <summary>A symbolic link, even a dangling or looping one: reading it says what is wrong with it.</summary>
    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
