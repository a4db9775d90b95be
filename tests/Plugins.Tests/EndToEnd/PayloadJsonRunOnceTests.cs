using System.Text;
using AgentRuntime.Plugins.Shared;
using CliWrap;

namespace AgentRuntime.Plugins.Tests.EndToEnd;

/// <summary>
/// The payload a script receives (<c>AGENT_RUNTIME_TASK_PAYLOAD_JSON</c>) is the host's
/// <c>JSON.stringify</c> text: compared byte for byte with what the real <c>node</c> writes.
/// </summary>
public sealed class PayloadJsonRunOnceTests
{
    // An emoji (a surrogate pair in UTF-16), a control character given upper-case, and a decimal with a trailing zero.
    private const string Task = """
        {"kind":"e2e","source":"e2e","subject":"Payload text","description":"Pass the payload on.",
         "payload":{"emoji":"launch 🚀 ok","control":"a\u001Fb","price":1.50,"nested":[1.50,"é",{"big":1e21,"small":0.000001}]}}
        """;

    [Fact(Timeout = 120_000)]
    public async Task RunOnce_PayloadWithEmojiControlCharacterAndDecimal_ReachesScriptAsJsonStringifyWritesIt()
    {
        var expected = await StringifyPayloadWithNodeAsync(Task);
        using var runtime = new EndToEndRuntime();
        var capture = Path.Combine(runtime.WorkDirectory, "payload.json");
        var script = runtime.Runtime.Directory.WriteExecutable(
            "bin/capture-payload.sh",
            "#!/bin/sh\nprintf '%s' \"$AGENT_RUNTIME_TASK_PAYLOAD_JSON\" > \"$CAPTURE_FILE\"\necho captured\n");
        runtime.Use(new System.Text.Json.Nodes.JsonObject
        {
            ["mode"] = "script", ["command"] = script, ["timeoutMs"] = 20_000, ["workingDir"] = runtime.WorkDirectory,
            ["env"] = new System.Text.Json.Nodes.JsonObject { ["CAPTURE_FILE"] = capture },
        });
        runtime.Runtime.Save();
        await runtime.Runtime.IntakeAsync(Task.ReplaceLineEndings(" "));

        await runtime.RunOnceAsync();

        var actual = await File.ReadAllBytesAsync(capture);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"expected {Encoding.UTF8.GetString(expected)}\nactual   {Encoding.UTF8.GetString(actual)}");
    }

    /// <summary><c>JSON.stringify(JSON.parse(task).payload)</c> by the real node; node is installed with the agent CLIs and is required.</summary>
    private static async Task<byte[]> StringifyPayloadWithNodeAsync(string task)
    {
        var node = ExecutableLocator.Find("node");
        Assert.True(node is not null, "node is not on PATH: it is required (it is installed with the agent CLIs; see scripts/install-test-tools.sh)");
        using var stdout = new MemoryStream();
        var stderr = new StringBuilder();
        var result = await Cli.Wrap(node)
            .WithArguments(["-e", "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')).payload))"])
            .WithStandardInputPipe(PipeSource.FromString(task))
            .WithStandardOutputPipe(PipeTarget.ToStream(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync();
        Assert.True(result.ExitCode == 0, $"node failed: {stderr}");
        return stdout.ToArray();
    }
}
