using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Secrets;

/// <summary>
/// A third-party plugin loaded from disk (the test EchoPlugin's "vault" behaviour) declares a
/// value it resolved while running through <c>IExecutionSink.RegisterSecret</c>, then prints it
/// and its base64 and returns it: the host masks it in everything it keeps and shows.
/// </summary>
public sealed class RegisteredSecretTests
{
    private const string Seed = "pl4gin-seed-Qz";

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_PluginRegistersSecret_ValueAndBase64MaskedEverywhere()
    {
        using var runtime = new TestRuntime();
        runtime.Config["defaultAdapter"] = "vault";
        runtime.Adapters["vault"] = new JsonObject { ["mode"] = "echo", ["behavior"] = "vault", ["vaultSeed"] = Seed };
        runtime.UseEchoPlugin();
        runtime.Save();
        var secret = $"vault-{new string([.. Seed.Reverse()])}-{Seed.Length * 7919}";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var run = await runtime.RunAsync("run-once");
        var status = await runtime.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("completed", runtime.Task(taskId)["status"]);
        Assert.Contains("using ***", (string)runtime.Task(taskId)["outcome_json"]!, StringComparison.Ordinal);
        var texts = new List<string> { run.Stdout + run.Stderr, status.Stdout };
        texts.AddRange(Directory.EnumerateFiles(runtime.StateDir, "*", SearchOption.AllDirectories).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(encoded[..^4], text, StringComparison.Ordinal);
        });
    }
}
