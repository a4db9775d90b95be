using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Tests.Dispatch;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

public sealed class BundleMaskingTests : IDisposable
{
    private const string Secret = "pl-secret-77Qa";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Compile_PayloadSecret_MaskedInDocumentPromptAndFilesAndHashMatchesPersistedFile()
    {
        var task = DispatchFixtures.Task(payloadJson: $$"""{"api_token":"{{Secret}}","note":"uses {{Secret}}"}""");
        Directory.CreateDirectory(_dir.Combine("work"));
        var bundle = BundleCompiler.Compile(new BundleInputs
        {
            Config = DispatchFixtures.Config(_dir.Combine("artifacts")),
            Task = task,
            Profile = DispatchFixtures.Profile(),
            Adapter = DispatchFixtures.Adapter("ollama", """{"mode":"ollama-generate","endpoint":"http://127.0.0.1:11434","model":"qwen"}"""),
            Now = DateTimeOffset.Parse("2026-04-29T10:00:00.000Z", CultureInfo.InvariantCulture),
            WorkingDirectory = _dir.Combine("work"),
            Masker = SecretSources.ForAttempt(DispatchFixtures.Config(_dir.Combine("artifacts")), task.Payload),
        });

        var persisted = File.ReadAllText(bundle.AbsolutePath);
        var prompt = File.ReadAllText(bundle.PromptAbsolutePath);
        Assert.DoesNotContain(Secret, persisted, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, prompt, StringComparison.Ordinal);
        Assert.Contains("\"api_token\":\"***\"", persisted, StringComparison.Ordinal);
        Assert.Equal(bundle.Prompt, prompt);

        // The hash is of the persisted (masked) document with the id replaced by the hash basis.
        var basis = (JsonObject)JsonNode.Parse(persisted)!;
        basis["bundle_id"] = "__bundle_hash_basis__";
        Assert.Equal(bundle.Hash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsJson.Canonicalize(basis)))));
    }
}
