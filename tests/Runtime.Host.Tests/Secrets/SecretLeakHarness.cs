using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// A runtime with a distinct secret planted in every source the host masks: a credential resolved
/// from a <c>*_CREDENTIAL</c> reference (through the fake <c>bun</c> skill), a secret-named key of an
/// adapter's <c>env</c> block (one plain, one full of characters that encoding changes), a
/// secret-named and a <c># secret</c>-marked line of its <c>envFile</c>, a secret-named payload key,
/// a payload key listed in <c>secretNames</c>, two <c>extraArgs</c> flags, a name listed in
/// <c>secretNames</c> (in the <c>env</c> block and in the runtime's own environment), a workflow
/// context, a sensor event payload, a schedule's task template, a bridge message quoting a known
/// secret, and a value a plugin loaded from disk resolves at run time and declares
/// (<c>RegisterSecret</c>, the EchoPlugin's <c>vault</c> behaviour). The adapter's script prints
/// its whole environment, its arguments and the payload, splits one secret across two pipe writes,
/// prints secrets base64-, JSON- and percent-encoded (one inside a <c>user:token</c> Basic header),
/// writes to stderr and ends with an outcome that quotes the secrets.
/// </summary>
internal sealed class SecretLeakHarness : IDisposable
{
    public const string AdapterId = "leaky";

    public const string VaultAdapterId = "vault";

    public const string VaultSeed = "h4rn-vault-seed";

    private const string Script = """
        echo "args: $*"
        env
        echo "payload: $AGENT_RUNTIME_TASK_PAYLOAD_JSON"
        printf 'split: h4rn-envblock-'; sleep 0.3; printf 'Pw7Qx31\n'
        echo "stderr: $SERVICE_PASSWORD $DEPLOY_TOKEN $PLAIN_SETTING" >&2
        printf '%s' "$SERVICE_PASSWORD" | base64
        printf 'Authorization: Basic %s\n' "$(printf 'harness:%s' "$DEPLOY_TOKEN" | base64)"
        printf '%s' "$SPECIAL_TOKEN" | base64
        printf '{"special":"%s"}\n' "$(printf '%s' "$SPECIAL_TOKEN" | sed 's/\\/\\\\/g; s/"/\\"/g')"
        echo "url: https://example.invalid/?t=$(printf '%s' "$SPECIAL_TOKEN" | sed 's/%/%25/g; s|/|%2F|g; s/+/%2B/g; s/"/%22/g; s/&/%26/g; s/ /%20/g')"
        case "$AGENT_RUNTIME_TASK_PAYLOAD_JSON" in
          *slow*) sleep 2 ;;
        esac
        case "$AGENT_RUNTIME_TASK_PAYLOAD_JSON" in
          *fail*) echo "failing with $DEPLOY_TOKEN and $HARNESS_EXTRA"; exit 1 ;;
        esac
        printf '{"status":"completed","operator_summary":"done with %s %s %s %s","artifact_paths":[]}\n' "$SERVICE_PASSWORD" "$DEPLOY_TOKEN" "$PLAIN_SETTING" "$HARNESS_PROC_VALUE"
        """;

    public SecretLeakHarness()
    {
        Runtime = new TestRuntime();
        var home = Runtime.Directory.Combine("home");
        Runtime.Directory.Write("home/.claude/skills/skills-repo/credentials/credentials.ts", "// fake skill");
        Runtime.Directory.Write("home/.env", "CREDENTIALS_PASSWORD=\"hunter2\"\n");
        Runtime.Directory.Write("config/leaky.env", $"""
            DB_TOKEN={Planted["env file (secret name)"]}
            # secret
            PLAIN_SETTING="{Planted["env file (# secret mark)"]}"
            MODEL_NAME=not-a-secret-value
            """);
        Runtime.Config["secretNames"] = new JsonArray("HARNESS_EXTRA", "HARNESS_PROC_VALUE", "HARNESS_BRIDGE_VALUE", "harness_field");
        Runtime.AddScriptAdapter(AdapterId, Script, timeoutMs: 20_000, extra: new JsonObject
        {
            ["envFile"] = "leaky.env",
            ["env"] = new JsonObject
            {
                ["SERVICE_PASSWORD"] = Planted["env block"],
                ["SPECIAL_TOKEN"] = Planted["env block (characters encoding changes)"],
                ["DEPLOY_TOKEN_CREDENTIAL"] = "h4rn-cred",
                ["HARNESS_EXTRA"] = Planted["secretNames (env block)"],
                ["LOG_LEVEL"] = "info",
            },
            ["extraArgs"] = new JsonArray("--verbose", "--password", Planted["extraArgs (--password VALUE)"], "--api-key=" + Planted["extraArgs (--api-key=VALUE)"]),
        });
        Runtime.Adapters[VaultAdapterId] = new JsonObject { ["mode"] = "echo", ["behavior"] = "vault", ["vaultSeed"] = VaultSeed };
        Runtime.UseEchoPlugin();
        Runtime.Config["defaultAdapter"] = AdapterId;

        // The bridges queue tasks for the "lumen" profile.
        Runtime.Directory.Write("profiles/lumen/profile.json", $$"""
            {"profile_id":"lumen","style":"codex-like","role":"Bridge operator","system_prompt_parts":["Answer."],"skills":[],"default_adapter":"{{AdapterId}}","context_policy":{"max_prompt_chars":16000} }
            """);
        ((JsonObject)Runtime.Config["profiles"]!)["lumen"] = "../profiles/lumen/profile.json";
        Runtime.Save();
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["AGENT_RUNTIME_BUN"] = Repo.Path_("tests", "Fixtures", "fake-bun"),
            ["HARNESS_PROC_VALUE"] = Planted["secretNames (runtime environment)"],
            ["HARNESS_BRIDGE_VALUE"] = Planted["bridge message (known secret)"],
        };
    }

    /// <summary>Source to planted value; every value is distinct and appears nowhere else.</summary>
    public static IReadOnlyDictionary<string, string> Planted { get; } = new Dictionary<string, string>
    {
        ["credential (*_CREDENTIAL)"] = "secret-of-h4rn-cred",
        ["env block"] = "h4rn-envblock-Pw7Qx31",
        ["env block (characters encoding changes)"] = "h4rn/sp+ec\"ial&Val 9",
        ["env file (secret name)"] = "h4rn-envfile-Tk55aa",
        ["env file (# secret mark)"] = "h4rn-envfile-Mk93ZtQ",
        ["payload secret key"] = "h4rn-payload-Tk8812",
        ["extraArgs (--password VALUE)"] = "h4rn-extra-Pw4411",
        ["extraArgs (--api-key=VALUE)"] = "h4rn-extra-Kx2290",
        ["secretNames (env block)"] = "h4rn-named-Zz6610",
        ["secretNames (runtime environment)"] = "h4rn-proc-Qq3377",
        ["secretNames (payload key)"] = "h4rn-field-Jj5521",
        ["workflow context"] = "h4rn-wfctx-Ww2468",
        ["sensor event payload"] = "h4rn-sensor-Ss1357",
        ["schedule task template"] = "h4rn-sched-Cc9753",
        ["bridge message (known secret)"] = "h4rn-bridge-Bb8642",
        ["plugin-registered (RegisterSecret)"] = $"vault-{new string([.. VaultSeed.Reverse()])}-{VaultSeed.Length * 7919}",
    };

    /// <summary>
    /// Sources whose value is part of an input the runtime must act on, so it stays in that input's
    /// own row (<see cref="InputCells"/>) and nowhere else.
    /// </summary>
    public static IReadOnlySet<string> InputBorne { get; } = new HashSet<string>
    {
        "payload secret key", "secretNames (payload key)", "workflow context", "sensor event payload", "schedule task template", "bridge message (known secret)",
    };

    /// <summary>The input rows (table.column) that keep what they were given: the task's payload, the workflow's context, the schedule's template, the sensor event as received.</summary>
    public static IReadOnlySet<string> InputCells { get; } = new HashSet<string>
    {
        "tasks.payload_json", "workflows.context_json", "schedules.task_json", "sensor_events.payload_json",
    };

    public TestRuntime Runtime { get; }

    public Dictionary<string, string> Environment { get; }

    /// <summary>Every response a command or route gave, labelled: searched like the files.</summary>
    public List<(string Where, string Text)> Responses { get; } = [];

    public static string PayloadJson(string marker) => new JsonObject
    {
        ["kind"] = "leak",
        ["source"] = "harness",
        ["subject"] = marker,
        ["payload"] = new JsonObject
        {
            ["api_token"] = Planted["payload secret key"], ["harness_field"] = Planted["secretNames (payload key)"], ["mode"] = marker,
        },
    }.ToJsonString();

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await Runtime.RunAsync(Environment, args);
        Responses.Add(($"cli {string.Join(' ', args)}", result.Stdout + "\n" + result.Stderr));
        return result;
    }

    /// <summary>Occurrences of every planted value (<see cref="SecretLeakSearch"/>) in everything the runtime persisted and every recorded response.</summary>
    public SecretLeakSearch.Result FindLeaks() => SecretLeakSearch.Find(Runtime, Responses);

    public void Dispose() => Runtime.Dispose();
}
