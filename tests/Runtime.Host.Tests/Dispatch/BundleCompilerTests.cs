using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class BundleCompilerTests : IDisposable
{
    private const string Ollama = """{"mode":"ollama-generate","endpoint":"http://127.0.0.1:11434","model":"qwen","timeoutMs":1000}""";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string ArtifactDir => _dir.Combine("artifacts");

    private string NoRepoDir
    {
        get
        {
            var path = _dir.Combine("norepo");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private CompiledBundle Compile(TaskRecord? task = null, AdapterEntry? adapter = null, string? bundleId = null, string now = "2026-04-29T10:00:00.000Z", string? cwd = null, JsonObject? workflow = null) =>
        BundleCompiler.Compile(new BundleInputs
        {
            Config = DispatchFixtures.Config(ArtifactDir),
            Task = task ?? DispatchFixtures.Task(),
            Profile = DispatchFixtures.Profile(),
            Adapter = adapter ?? DispatchFixtures.Adapter("ollama", Ollama),
            Workflow = workflow,
            Now = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture),
            BundleId = bundleId ?? Guid.NewGuid().ToString(),
            WorkingDirectory = cwd ?? NoRepoDir,
        });

    [Fact]
    public void Compile_Document_HasSpecKeyOrderAndSections()
    {
        var bundle = Compile(adapter: DispatchFixtures.Adapter("ollama", Ollama), workflow: new JsonObject { ["id"] = 3 });
        var doc = bundle.Document;
        Assert.Equal(
            ["bundle_version", "bundle_id", "task", "workflow", "agent", "constitution", "profile", "adapter", "workspace", "artifacts", "external_inputs", "prompt"],
            doc.Select(p => p.Key).ToArray());
        Assert.Equal(
            """{"task_id":"11111111-2222-4333-8444-555555555555","kind":"operator","source":"operator:test","subject":null,"description":null,"priority":5,"payload":{},"requested_profile":"tester","requested_adapter":"","created_at":"2026-04-29T10:00:00.000Z","max_attempts":2}""",
            JsJson.Serialize(doc["task"]));
        Assert.Equal("""{"id":3}""", JsJson.Serialize(doc["workflow"]));
        Assert.Equal("""{"agent_id":"test-agent","internal_name":"test-agent","external_name":null,"onchain_identity":null}""", JsJson.Serialize(doc["agent"]));
        Assert.Equal("""{"soul":{"status":"absent"},"purpose":{"status":"absent"}}""", JsJson.Serialize(doc["constitution"]));
        Assert.Equal("""{"profile_id":"tester","style":"codex-like","role":"Test operator","skills":["testing"]}""", JsJson.Serialize(doc["profile"]));
        Assert.Equal("""{"adapter_id":"ollama","mode":"ollama-generate","model":"qwen","timeout_ms":1000,"behavior_args":{"endpoint":"http://127.0.0.1:11434"}}""", JsJson.Serialize(doc["adapter"]));
        Assert.Equal($$"""{"kind":"no-repo","root":"{{NoRepoDir}}","repo_root":null,"git_sha":null,"dirty":null}""", JsJson.Serialize(doc["workspace"]));
        Assert.Equal(bundle.Prompt, (string)doc["prompt"]!["rendered_text"]!);
        Assert.Equal(ReplayGrades.InputsFrozen, bundle.ReplayGrade);
        Assert.Equal("qwen", bundle.Model);
        Assert.Equal("test-agent", bundle.AgentId);
    }

    [Fact]
    public void Compile_AdapterSections_FollowMode()
    {
        var cli = Compile(adapter: DispatchFixtures.Adapter("c", $$"""{"mode":"agent-cli","driver":"codex","command":"codex","timeoutMs":5,"workingDir":"{{NoRepoDir}}"}"""));
        Assert.Equal("""{"adapter_id":"c","mode":"agent-cli","model":null,"timeout_ms":5,"behavior_args":{"driver":"codex","sandbox":null,"extra_args":[]}}""", JsJson.Serialize(cli.Document["adapter"]));
        Assert.Equal(ReplayGrades.NonReplayableModel, cli.ReplayGrade);
        Assert.Null(cli.Model);

        var script = Compile(adapter: DispatchFixtures.Adapter("s", """{"mode":"script","command":"/bin/true","extraArgs":["-x"],"workingDir":"/nonexistent"}"""));
        Assert.Equal("""{"adapter_id":"s","mode":"script","model":null,"behavior_args":{"command":"/bin/true","extra_args":["-x"]}}""", JsJson.Serialize(script.Document["adapter"]));
        Assert.Equal(NoRepoDir, (string)script.Document["workspace"]!["root"]!);
    }

    [Fact]
    public void Compile_Hash_IsStableAcrossRetriesWithNewIdsAndTimes()
    {
        var first = Compile(bundleId: "aaaaaaaa-0000-4000-8000-000000000001", now: "2026-04-29T10:00:00.000Z");
        var retry = Compile(task: DispatchFixtures.Task() with { AttemptCount = 2, Status = "running", UpdatedAt = DateTimeOffset.Parse("2026-05-01T00:00:00.000Z", CultureInfo.InvariantCulture) }, bundleId: "aaaaaaaa-0000-4000-8000-000000000002", now: "2026-05-01T00:00:00.000Z");
        var changed = Compile(task: DispatchFixtures.Task(payloadJson: """{"x":1}"""));

        Assert.Equal(first.Hash, retry.Hash);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.Matches("^[0-9a-f]{64}$", first.Hash);
    }

    [Fact]
    public void Compile_Hash_IsSha256OfCanonicalDocumentWithBasisId()
    {
        var bundle = Compile(bundleId: "bbbbbbbb-0000-4000-8000-000000000001");
        var file = File.ReadAllText(bundle.AbsolutePath);
        Assert.EndsWith("}\n", file, StringComparison.Ordinal);
        var basis = file[..^1].Replace("bbbbbbbb-0000-4000-8000-000000000001", "__bundle_hash_basis__", StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(basis))), bundle.Hash);
        Assert.Equal(JsJson.Canonicalize(bundle.Document) + "\n", file);
    }

    [Fact]
    public void Compile_Files_GoUnderUtcDateOfCreatedAt()
    {
        var bundle = Compile(bundleId: "cccccccc-0000-4000-8000-000000000001", now: "2026-04-29T23:30:00-05:00");
        Assert.Equal("2026-04-30T04:30:00.000Z", bundle.CreatedAt);
        Assert.Equal("bundles/2026-04-30/cccccccc-0000-4000-8000-000000000001.json", bundle.RelativePath);
        Assert.Equal("bundles/2026-04-30/cccccccc-0000-4000-8000-000000000001.prompt.txt", bundle.PromptRelativePath);
        Assert.Equal(Path.Combine(ArtifactDir, "bundles", "2026-04-30", "cccccccc-0000-4000-8000-000000000001.prompt.txt"), bundle.PromptAbsolutePath);
        Assert.Equal(bundle.Prompt, File.ReadAllText(bundle.PromptAbsolutePath));
        Assert.False(bundle.Prompt.EndsWith('\n'));
    }

    [Fact]
    public void Compile_Artifacts_RecordExistenceAndSha256InReferenceOrder()
    {
        _dir.Write("artifacts/plans/p-plan.md", "plan");
        var task = DispatchFixtures.Task(payloadJson: """{"artifact_paths":["plans/p-plan.md"],"required_artifacts":["reports/r.md","/state/artifacts/plans/p-plan.md",".."],"proposal_artifact":"plans/p-plan.md","verification_artifact":7}""");
        var bundle = Compile(task: task);
        var planSha = Convert.ToHexStringLower(SHA256.HashData("plan"u8));
        Assert.Equal(
            $$"""[{"role":"proposal_artifact","relative_path":"plans/p-plan.md","exists":true,"sha256":"{{planSha}}"},{"role":"required_artifact","relative_path":"reports/r.md","exists":false,"sha256":null},{"role":"required_artifact","relative_path":"plans/p-plan.md","exists":true,"sha256":"{{planSha}}"},{"role":"artifact_path","relative_path":"plans/p-plan.md","exists":true,"sha256":"{{planSha}}"}]""",
            JsJson.Serialize(bundle.Document["artifacts"]));
    }

    [Fact]
    public void Compile_ArtifactIsDirectory_ThrowsCompilationException()
    {
        Directory.CreateDirectory(Path.Combine(ArtifactDir, "plans", "dir"));
        var ex = Assert.Throws<BundleCompilationException>(() => Compile(task: DispatchFixtures.Task(payloadJson: """{"required_artifacts":["plans/dir"]}""")));
        Assert.Contains("EISDIR", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public void Compile_ExternalInputs_NormalizedAndGradeBestEffortWhenUncached()
    {
        var task = DispatchFixtures.Task(payloadJson: """{"external_inputs":["https://a", null, 5, {"url":" ","name":"n","cache_hash":"h"}, {"source":"s","index":99,"cache_path":"  "}, {}]}""");
        var bundle = Compile(task: task);
        Assert.Equal(
            """[{"index":0,"source":"https://a","cache_status":"uncached"},{"index":1,"source":"external_input_1","cache_status":"uncached"},{"index":2,"source":"external_input_2","cache_status":"uncached"},{"url":" ","name":"n","cache_hash":"h","index":3,"source":"n","cache_status":"cached"},{"source":"s","index":4,"cache_path":"  ","cache_status":"uncached"},{"index":5,"source":"external_input_5","cache_status":"uncached"}]""",
            JsJson.Serialize(bundle.Document["external_inputs"]));
        Assert.Equal(ReplayGrades.BestEffort, bundle.ReplayGrade);

        var cached = Compile(task: DispatchFixtures.Task(payloadJson: """{"external_inputs":[{"name":"n","cached_content":"text"}]}"""));
        Assert.Equal(ReplayGrades.InputsFrozen, cached.ReplayGrade);
    }

    [Fact]
    public void Compile_GitWorkspace_RecordsShaAndDirtyState()
    {
        var repo = _dir.Combine("repo");
        Directory.CreateDirectory(repo);
        Git(repo, "init", "-q");
        File.WriteAllText(Path.Combine(repo, "a.txt"), "a");
        Git(repo, "add", "a.txt");
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
        var sha = Git(repo, "rev-parse", "HEAD");
        var cli = DispatchFixtures.Adapter("c", $$"""{"mode":"agent-cli","driver":"codex","command":"codex","workingDir":"{{repo}}/"}""");

        var clean = Compile(adapter: cli);
        File.WriteAllText(Path.Combine(repo, "b.txt"), "untracked");
        var dirty = Compile(adapter: cli);

        Assert.Equal($$"""{"kind":"git","root":"{{repo}}","repo_root":"{{repo}}","git_sha":"{{sha}}","dirty":false}""", JsJson.Serialize(clean.Document["workspace"]));
        Assert.Equal(ReplayGrades.NonReplayableModel, clean.ReplayGrade);
        Assert.True((bool)dirty.Document["workspace"]!["dirty"]!);
        Assert.Equal(ReplayGrades.BestEffort, dirty.ReplayGrade);
    }

    [Fact]
    public void Compile_MissingGit_IsNoRepo()
    {
        var bundle = BundleCompiler.Compile(new BundleInputs
        {
            Config = DispatchFixtures.Config(ArtifactDir),
            Task = DispatchFixtures.Task(),
            Profile = DispatchFixtures.Profile(),
            Adapter = DispatchFixtures.Adapter("ollama", Ollama),
            Now = DateTimeOffset.UnixEpoch,
            WorkingDirectory = NoRepoDir,
            GitExecutable = "/nonexistent/git",
        });
        Assert.Equal("no-repo", (string)bundle.Document["workspace"]!["kind"]!);
        Assert.Equal(36, bundle.BundleId.Length);
    }

    [Theory]
    [InlineData("""{"workflow_id":7}""", 7L)]
    [InlineData("""{"workflow_id":0}""", null)]
    [InlineData("""{"workflow_id":"7"}""", null)]
    [InlineData("""{"workflow_id":1.5}""", null)]
    [InlineData("{}", null)]
    public void WorkflowId_ReadsNonZeroNumber(string payload, long? expected) =>
        Assert.Equal(expected, BundleCompiler.WorkflowId((JsonObject)JsonNode.Parse(payload)!));

    [Theory]
    [InlineData("agent-cli", null, false, ReplayGrades.NonReplayableModel)]
    [InlineData("agent-cli", true, false, ReplayGrades.BestEffort)]
    [InlineData("script", false, false, ReplayGrades.InputsFrozen)]
    [InlineData("ollama-generate", null, true, ReplayGrades.BestEffort)]
    public void ReplayGrades_Derive_FollowsSpecOrder(string mode, bool? dirty, bool uncached, string expected) =>
        Assert.Equal(expected, ReplayGrades.Derive(mode, dirty, uncached));

    private static string Git(string cwd, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = ChildProcess.Start(info);
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "git timed out");
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
        return output.Trim();
    }
}
