using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// A runtime with a distinct secret planted in every source the host masks: a credential resolved
/// from a <c>*_CREDENTIAL</c> reference (through the fake <c>bun</c> skill), a secret-named key of an
/// adapter's <c>env</c> block, a secret-named and a <c># secret</c>-marked line of its <c>envFile</c>,
/// a secret-named payload key, a payload key listed in <c>secretNames</c>, two <c>extraArgs</c> flags, a name listed in <c>secretNames</c> (in the
/// <c>env</c> block and in the runtime's own environment). The adapter's script prints its whole
/// environment, its arguments and the payload, splits one secret across two pipe writes, writes to
/// stderr and ends with an outcome that quotes the secrets.
/// </summary>
internal sealed class SecretLeakHarness : IDisposable
{
    public const string AdapterId = "leaky";

    private const string Script = """
        echo "args: $*"
        env
        echo "payload: $AGENT_RUNTIME_TASK_PAYLOAD_JSON"
        printf 'split: h4rn-envblock-'; sleep 0.3; printf 'Pw7Qx31\n'
        echo "stderr: $SERVICE_PASSWORD $DEPLOY_TOKEN $PLAIN_SETTING" >&2
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
        Runtime.Config["secretNames"] = new JsonArray("HARNESS_EXTRA", "HARNESS_PROC_VALUE", "harness_field");
        Runtime.AddScriptAdapter(AdapterId, Script, timeoutMs: 20_000, extra: new JsonObject
        {
            ["envFile"] = "leaky.env",
            ["env"] = new JsonObject
            {
                ["SERVICE_PASSWORD"] = Planted["env block"],
                ["DEPLOY_TOKEN_CREDENTIAL"] = "h4rn-cred",
                ["HARNESS_EXTRA"] = Planted["secretNames (env block)"],
                ["LOG_LEVEL"] = "info",
            },
            ["extraArgs"] = new JsonArray("--verbose", "--password", Planted["extraArgs (--password VALUE)"], "--api-key=" + Planted["extraArgs (--api-key=VALUE)"]),
        });
        Runtime.Config["defaultAdapter"] = AdapterId;
        Runtime.Save();
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["AGENT_RUNTIME_BUN"] = Repo.Path_("tests", "Fixtures", "fake-bun"),
            ["HARNESS_PROC_VALUE"] = Planted["secretNames (runtime environment)"],
        };
    }

    /// <summary>Source to planted value; every value is distinct and appears nowhere else.</summary>
    public static IReadOnlyDictionary<string, string> Planted { get; } = new Dictionary<string, string>
    {
        ["credential (*_CREDENTIAL)"] = "secret-of-h4rn-cred",
        ["env block"] = "h4rn-envblock-Pw7Qx31",
        ["env file (secret name)"] = "h4rn-envfile-Tk55aa",
        ["env file (# secret mark)"] = "h4rn-envfile-Mk93ZtQ",
        ["payload secret key"] = "h4rn-payload-Tk8812",
        ["extraArgs (--password VALUE)"] = "h4rn-extra-Pw4411",
        ["extraArgs (--api-key=VALUE)"] = "h4rn-extra-Kx2290",
        ["secretNames (env block)"] = "h4rn-named-Zz6610",
        ["secretNames (runtime environment)"] = "h4rn-proc-Qq3377",
        ["secretNames (payload key)"] = "h4rn-field-Jj5521",
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

    /// <summary>
    /// Occurrences of each planted value: in every file under the state directory (raw bytes,
    /// including the SQLite file, its WAL and the JSONL log), in every cell of every table, and in
    /// every recorded response. The payload value is searched everywhere but in the task's own
    /// <c>tasks.payload_json</c> cell (and so not in the database's raw pages, which hold that cell): the
    /// task's input must be kept to run it.
    /// </summary>
    public Dictionary<string, List<string>> FindLeaks()
    {
        var found = Planted.ToDictionary(p => p.Key, _ => new List<string>());
        string[] payloadKeys = ["payload secret key", "secretNames (payload key)"];
        foreach (var file in Directory.EnumerateFiles(Runtime.StateDir, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            var isDb = Path.GetFileName(file).StartsWith("runtime.db", StringComparison.Ordinal);
            foreach (var (source, value) in Planted)
            {
                if (isDb && payloadKeys.Contains(source))
                {
                    continue;
                }

                var count = Count(bytes, Encoding.UTF8.GetBytes(value));
                if (count > 0)
                {
                    found[source].Add($"{count}x file {Path.GetRelativePath(Runtime.Directory.Path, file)}");
                }
            }
        }

        foreach (var table in TestDb.Query(Runtime.DbPath, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r["name"]!))
        {
            foreach (var row in TestDb.Query(Runtime.DbPath, $"SELECT * FROM \"{table}\""))
            {
                foreach (var (column, cell) in row)
                {
                    var text = cell switch { string s => s, byte[] b => Encoding.UTF8.GetString(b), _ => null };
                    foreach (var (source, value) in Planted)
                    {
                        if (text is not null && text.Contains(value, StringComparison.Ordinal) && !(payloadKeys.Contains(source) && table == "tasks" && column == "payload_json"))
                        {
                            found[source].Add($"row {table}.{column}");
                        }
                    }
                }
            }
        }

        foreach (var (where, text) in Responses)
        {
            foreach (var (source, value) in Planted)
            {
                if (text.Contains(value, StringComparison.Ordinal))
                {
                    found[source].Add($"response {where}");
                }
            }
        }

        return found;
    }

    private static int Count(byte[] haystack, byte[] needle)
    {
        var count = 0;
        var span = haystack.AsSpan();
        int index;
        while ((index = span.IndexOf(needle)) >= 0)
        {
            count++;
            span = span[(index + needle.Length)..];
        }

        return count;
    }

    public void Dispose() => Runtime.Dispose();
}
