using AgentRuntime.Plugins.Shared;
using AgentRuntime.Plugins.Tests.TestSupport;
using AgentRuntime.Sdk;
using TempDirectory = AgentRuntime.Host.Tests.TestSupport.TempDirectory;

namespace AgentRuntime.Plugins.Tests.Runner;

/// <summary>Resolved credentials, which only the plugin knows, are masked before output leaves it.</summary>
public sealed class OutputMaskingTests : IDisposable
{
    private const string Secret = "secret-of-runner-cred";
    private readonly TempDirectory _temp = new("masking");

    [Fact(Timeout = 30_000)]
    public async Task Run_SecretPrintedWholeAndSplitAcrossWrites_MaskedInLinesAndOutcome()
    {
        var script = _temp.WriteExecutable("print.sh", """
            #!/bin/sh
            echo "token=$CRED"
            printf 'split: secret-of-'; sleep 0.2; printf 'runner-cred\n'
            echo "err $CRED" >&2
            """);
        var sink = new RecordingSink();
        var spec = new ProcessSpec
        {
            Command = script, WorkingDirectory = _temp.Path, Timeout = TimeSpan.FromSeconds(20),
            Environment = new Dictionary<string, string> { ["CRED"] = Secret }, Secrets = [Secret, "ab"],
        };

        var outcome = await ProcessRunner.System.RunAsync(spec, sink, CancellationToken.None);

        Assert.Equal(["token=***", "split: ***"], sink.Lines(OutputChannel.Stdout));
        Assert.Equal(["err ***"], sink.Lines(OutputChannel.Stderr));
        Assert.Equal("token=***\nsplit: ***\n", outcome.Stdout);
        Assert.Equal("err ***\n", outcome.Stderr);
    }

    [Fact]
    public void ResolvedSecrets_References_ResolvedValuesOnly()
    {
        var env = new Dictionary<string, string> { ["A_TOKEN_CREDENTIAL"] = "id-1", ["PLAIN"] = "value" };
        var resolved = new Dictionary<string, string> { ["A_TOKEN"] = "secret-of-id-1", ["PLAIN"] = "value" };

        Assert.Equal(["secret-of-id-1"], CredentialResolver.ResolvedSecrets(env, resolved));
    }

    public void Dispose() => _temp.Dispose();
}
