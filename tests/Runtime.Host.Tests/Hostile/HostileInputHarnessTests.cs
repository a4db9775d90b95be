using System.Globalization;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>
/// The hostile-input generator (issue 11): valid inputs with one defect each, over every CLI command
/// (JSON inputs, flags, files), the config and profile files and every POST route of the web API.
/// Each must be refused (non-zero exit or 4xx) with one clear message, no stack trace, and a state
/// directory unchanged byte for byte. Reduced size by default; 10,000 cases in soak mode
/// (<c>AGENT_RUNTIME_SOAK=1</c>, <c>scripts/soak.sh</c>); <c>AGENT_RUNTIME_HOSTILE_CASES</c> and
/// <c>AGENT_RUNTIME_HOSTILE_SEED</c> choose the count and the seed.
/// </summary>
[Trait(Soak.Category, Soak.Trait)]
public sealed class HostileInputHarnessTests(ITestOutputHelper output)
{
    [Fact(Timeout = 3_600_000)]
    public async Task HostileInputs_EveryCommandConfigProfileAndPostRoute_RefusedCleanlyWithTheStateUnchanged()
    {
        var count = Setting("AGENT_RUNTIME_HOSTILE_CASES") ?? Soak.Size(reduced: 1_500, full: 10_000);
        var seed = Setting("AGENT_RUNTIME_HOSTILE_SEED") ?? 11;
        await using var harness = await HostileHarness.StartAsync();
        var figures = new HostileFigures();

        foreach (var hostile in new HostileGenerator(new Random(seed), harness.Context).Generate(count))
        {
            await harness.RunAsync(hostile, figures);
        }

        output.WriteLine($"hostile inputs (seed {seed}): {figures}");
        foreach (var failure in figures.Failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(
            figures.Crashes + figures.SilentAcceptances + figures.MessageProblems + figures.StateChanges == 0,
            $"{figures}\n{string.Join('\n', figures.Failures)}");
        Assert.Equal(count, figures.Cases);
    }

    private static int? Setting(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
