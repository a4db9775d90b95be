using System.Diagnostics;
using System.Globalization;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// A running <c>agent-runtime serve --no-web</c> of the published folder: its peak RSS (<c>VmHWM</c>,
/// exact while it lives), its CPU time (<c>utime + stime</c> of <c>/proc/&lt;pid&gt;/stat</c>), and a
/// SIGTERM stop.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, 100 on Linux x86-64

    private readonly Process _process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stderr = new();

    public ServeProcess(string publishedFolder, string workingDirectory, string config)
    {
        var start = new ProcessStartInfo(Path.Combine(publishedFolder, "agent-runtime"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[] { "serve", "--no-web", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        // RS0030 bans starting processes outside the process runners; the benchmark runs the published CLI as an operator would.
#pragma warning disable RS0030
        _process = Process.Start(start)!;
#pragma warning restore RS0030
        _process.StandardInput.Close();
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            // The last lines only: enough to say why serve stopped.
            if (e.Data is not null && (_stderr.Count < 20 || _stderr.TryDequeue(out string? _)))
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string LastErrors => string.Join('\n', _stderr);

    public double PeakRssMb => WholeProcess.ReadHighWaterMark(_process.Id) / 1024.0;

    /// <summary>User plus system CPU time so far, in seconds.</summary>
    public double CpuSeconds => StatSeconds(includeChildren: false);

    /// <summary>As <see cref="CpuSeconds"/>, plus the children it has waited for (the attempts' processes).</summary>
    public double CpuSecondsWithChildren => StatSeconds(includeChildren: true);

    private double StatSeconds(bool includeChildren)
    {
        // Fields after the parenthesised command name; utime, stime, cutime and cstime are fields 14 to 17 of the line.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (includeChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return ticks / ClockTicksPerSecond;
    }

    /// <summary>SIGTERM, then waits for the graceful stop.</summary>
    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

#pragma warning disable RS0030
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
#pragma warning restore RS0030
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
