using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Secrets;

/// <summary>
/// Collects the secret values the host can know before an adapter runs: for every configured
/// adapter, the values of secret-named keys in its <c>env</c> block and its <c>envFile</c>
/// (<see cref="SecretEnvFile"/>) and the values of secret flags in its <c>extraArgs</c>
/// (<see cref="ExtraArgs"/>); the runtime's own environment variables with secret names (a child
/// inherits them and may print them); and, for an attempt, the task payload's secret values
/// (<see cref="Payload"/>). Credentials resolved from <c>*_CREDENTIAL</c> references are known only
/// to the plugin that resolves them, which masks them in what it returns.
/// </summary>
internal static class SecretSources
{
    public static SecretNames Names(RuntimeConfig config) => new(config.SecretNames);

    /// <summary>The values every command of this config masks (adapters, healthcheck, snapshot, API).</summary>
    public static SecretMasker ForConfig(RuntimeConfig config)
    {
        var names = Names(config);
        var masker = new SecretMasker();
        foreach (var entry in config.Adapters)
        {
            AddAdapter(masker, entry.Settings, names);
        }

        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && variable.Value is string value && names.IsSecret(name))
            {
                masker.Add(value);
            }
        }

        return masker;
    }

    /// <summary>The values one attempt masks: those of the config plus the task payload's.</summary>
    public static SecretMasker ForAttempt(RuntimeConfig config, JsonObject payload) =>
        ForConfig(config).AddRange(Payload(payload, Names(config)));

    public static void AddAdapter(SecretMasker masker, JsonObject settings, SecretNames names)
    {
        if (settings["env"] is JsonObject env)
        {
            foreach (var (name, value) in env)
            {
                if (names.IsSecret(name) && value?.GetValueKind() == JsonValueKind.String)
                {
                    masker.Add(value.GetValue<string>());
                }
            }
        }

        if (settings["envFile"] is JsonValue file && file.GetValueKind() == JsonValueKind.String)
        {
            masker.AddRange(SecretEnvFile.Values(file.GetValue<string>(), names));
        }

        if (settings["extraArgs"] is JsonArray args)
        {
            masker.AddRange(ExtraArgs(args.Select(a => a?.GetValueKind() == JsonValueKind.String ? a.GetValue<string>() : ""), names));
        }
    }

    /// <summary>
    /// The secret values of an argument vector: the value of a flag with a secret name, given either
    /// as the next argument (<c>--api-key VALUE</c>) or after <c>=</c> (<c>--password=VALUE</c>).
    /// </summary>
    public static IEnumerable<string> ExtraArgs(IEnumerable<string> args, SecretNames names)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith('-'))
            {
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = (equals > 0 ? arg[..equals] : arg).TrimStart('-');
            if (!names.IsSecret(flag) && !names.IsSecret(flag.Replace('-', '_').ToUpperInvariant()))
            {
                continue;
            }

            if (equals > 0)
            {
                yield return arg[(equals + 1)..];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                yield return list[i + 1];
            }
        }
    }

    /// <summary>
    /// A payload's secret values: every string (at any depth) under a key that is a secret name,
    /// for example <c>{"api_token": "…"}</c> or <c>{"auth": {"user": "…", "pass": "…"}}</c>.
    /// </summary>
    public static IEnumerable<string> Payload(JsonNode? payload, SecretNames names)
    {
        var values = new List<string>();
        Collect(payload, names, inSecret: false, values);
        return values;
    }

    /// <summary>A copy of a payload for display with its own secret values (<see cref="Payload"/>) masked wherever they occur in it.</summary>
    public static JsonObject MaskPayload(JsonObject payload, SecretNames names)
    {
        var masker = new SecretMasker().AddRange(Payload(payload, names));
        return masker.Count == 0 ? (JsonObject)payload.DeepClone() : masker.Apply(payload)!;
    }

    private static void Collect(JsonNode? node, SecretNames names, bool inSecret, List<string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Collect(child, names, inSecret || names.IsSecret(name), values);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, names, inSecret, values);
                }

                break;
            case JsonValue value when inSecret && value.GetValueKind() == JsonValueKind.String:
                values.Add(value.GetValue<string>());
                break;
            case JsonValue value when inSecret && value.GetValueKind() == JsonValueKind.Number:
                values.Add(value.ToJsonString());
                break;
        }
    }
}
