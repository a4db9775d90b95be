using System.Diagnostics;
using System.Globalization;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// Runs one whole process and measures its wall time and peak resident set. Peak RSS is the
/// kernel's own figure: wait4(2)'s <c>ru_maxrss</c>, which GNU time prints as <c>%M</c> (KiB). A
/// .NET parent cannot call wait4 itself (the runtime reaps its children) and
/// <c>Process.PeakWorkingSet64</c> is gone once the child exits, so the child runs under
/// <c>/usr/bin/time -f %M</c> when it is installed; its fork and exec add well under a millisecond to
/// the wall time, the same for every runtime measured. Without it, <c>VmHWM</c> is polled from
/// <c>/proc/&lt;pid&gt;/status</c> every millisecond: a lower bound, marked with <c>~</c>.
/// </summary>
internal static class WholeProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static bool ExactRss { get; } = File.Exists(GnuTime);

    /// <summary>Runs <paramref name="command"/> (program then arguments); throws on a non-zero exit.</summary>
    public static Sample Run(IReadOnlyList<string> command, string workingDirectory, out string stdout)
    {
        var rssFile = Path.Combine(Path.GetTempPath(), $"agent-runtime-bench-rss-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(ExactRss ? GnuTime : command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (ExactRss)
        {
            foreach (var part in new[] { "-f", "%M", "-o", rssFile, command[0] })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var part in command.Skip(1))
        {
            start.ArgumentList.Add(part);
        }

        var clock = Stopwatch.StartNew();

        // RS0030 bans starting processes outside the process runners; the benchmark runs the published CLI as an operator would.
#pragma warning disable RS0030
        using var process = Process.Start(start)!;
#pragma warning restore RS0030
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long polledKb = 0;
        while (!ExactRss && !process.WaitForExit(1))
        {
            polledKb = Math.Max(polledKb, ReadHighWaterMark(process.Id));
        }

        process.WaitForExit();
        clock.Stop();
        stdout = output.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {process.ExitCode}: {error.Result}");
        }

        var rssKb = polledKb;
        if (ExactRss)
        {
            rssKb = long.Parse(File.ReadAllLines(rssFile).Last(l => l.Length > 0), CultureInfo.InvariantCulture);
            File.Delete(rssFile);
        }

        return new Sample(clock.Elapsed.TotalMilliseconds, rssKb);
    }

    /// <summary>Peak RSS so far of a live process, in KiB (0 once it has exited).</summary>
    public static long ReadHighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
