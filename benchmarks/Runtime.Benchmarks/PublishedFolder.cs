using System.Diagnostics;

namespace AgentRuntime.Benchmarks;

/// <summary>The deployable folder the suite measures: given, or published by scripts/publish.sh into the bench cache.</summary>
internal static class PublishedFolder
{
    public static string Resolve(string? given, TextWriter output)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        var folder = Path.Combine(Path.GetTempPath(), "agent-runtime-bench-cache", "published");
        output.WriteLine($"publishing: scripts/publish.sh {folder}");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "publish.sh"));
        start.ArgumentList.Add(folder);

        // RS0030 bans starting processes outside the process runners; publishing is the operator's own script.
#pragma warning disable RS0030
        using var process = Process.Start(start)!;
#pragma warning restore RS0030
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh exited {process.ExitCode}");
        }

        return folder;
    }
}
