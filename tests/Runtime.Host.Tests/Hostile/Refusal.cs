using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>What a refused input must look like to an operator: a non-zero exit, one error line naming the problem, no stack trace, nothing on stdout, nothing changed.</summary>
internal static class Refusal
{
    /// <summary>Why <paramref name="result"/> is not a clean refusal, or null when it is.</summary>
    public static string? Problem(CliResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ExitCode is 0)
        {
            return "accepted (exit 0)";
        }

        if (result.Stdout.Length > 0)
        {
            return "printed a result on stdout";
        }

        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 1 || !lines[0].StartsWith("error: ", StringComparison.Ordinal))
        {
            return $"expected one 'error:' line on stderr, got {lines.Length}";
        }

        return IsCrash(result) ? "crashed" : null;
    }

    /// <summary>A stack trace, an exception type name, or an unexpected-failure line.</summary>
    public static bool IsCrash(CliResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Stderr.Contains("   at ", StringComparison.Ordinal)
            || result.Stderr.Contains("Exception", StringComparison.Ordinal)
            || result.Stderr.Contains("failed unexpectedly", StringComparison.Ordinal);
    }

    /// <summary>Asserts a clean refusal whose message holds <paramref name="expected"/> and that left <paramref name="stateDir"/> as it was.</summary>
    public static void Assert(CliResult result, string expected, SortedDictionary<string, string> before, string stateDir)
    {
        ArgumentNullException.ThrowIfNull(result);
        Xunit.Assert.True(Problem(result) is null, $"{Problem(result)}\n{result}");
        Xunit.Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Xunit.Assert.Equal("", StateHash.Diff(before, StateHash.Of(stateDir)));
    }
}
