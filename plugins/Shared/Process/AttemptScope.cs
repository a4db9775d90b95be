using System.Globalization;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// A cgroup v2 directory for one attempt's processes, made under the cgroup this process runs in
/// (<c>&lt;own&gt;/agent-runtime-attempt-&lt;attempt id&gt;</c>). The launched process joins it before it
/// execs the real command (<see cref="ProcessRunner"/>'s launch wrapper writes its pid to
/// <c>cgroup.procs</c>), so every descendant is in it from its first instruction on, whatever it
/// does later: a double fork, <c>setsid</c>, an emptied environment. <c>cgroup.kill</c> then ends them
/// all at once, which neither the process group nor the environment marker can promise. Where no
/// cgroup2 mount is found, the directory cannot be made (no delegation, not root, read-only) or
/// <c>AGENT_RUNTIME_CGROUP_SCOPE=off</c> is set, there is no scope and the attempt is contained by its
/// process group and marker alone. Linux only.
/// </summary>
internal sealed class AttemptScope
{
    /// <summary>Set to <c>off</c> to run attempts without a cgroup scope.</summary>
    public const string SwitchVariable = "AGENT_RUNTIME_CGROUP_SCOPE";

    /// <summary>The start of every attempt scope's directory name.</summary>
    public const string NamePrefix = "agent-runtime-attempt-";

    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(2);
    private static readonly Lazy<string?> Own = new(OwnControlGroup.Find);

    private AttemptScope(string path) => Path = path;

    /// <summary>The scope's directory (absolute, under the cgroup2 mount).</summary>
    public string Path { get; }

    /// <summary>The file a process writes its pid to in order to join the scope.</summary>
    public string ProcsFile => System.IO.Path.Combine(Path, "cgroup.procs");

    /// <summary>The directory attempt scopes are made in, or null when scopes are off or unavailable.</summary>
    public static string? Parent =>
        string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "off", StringComparison.OrdinalIgnoreCase) ? null : Own.Value;

    /// <summary>Makes a scope for the attempt; null when none can be made (then nothing is left behind).</summary>
    public static AttemptScope? TryCreate(string attemptId)
    {
        if (Parent is not { } parent || attemptId.Length == 0 || attemptId.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        // Several processes of one attempt (one after another, or a helper) each get their own directory.
        for (var n = 1; n <= 8; n++)
        {
            var name = NamePrefix + attemptId + (n == 1 ? "" : "-" + n.ToString(CultureInfo.InvariantCulture));
            var path = System.IO.Path.Combine(parent, name);
            try
            {
                if (Directory.Exists(path))
                {
                    continue;
                }

                Directory.CreateDirectory(path);
                return File.Exists(System.IO.Path.Combine(path, "cgroup.procs")) ? new AttemptScope(path) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Ends every process in the scope and removes its directory.</summary>
    public void Stop() => Stop(Path);

    /// <summary>The scope directories of these attempts under this process's own cgroup (one a crashed runner made but never recorded).</summary>
    public static IEnumerable<string> Find(string attemptId)
    {
        if (Own.Value is not { } parent || !Directory.Exists(parent))
        {
            return [];
        }

        try
        {
            return Directory.GetDirectories(parent, NamePrefix + attemptId + "*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Writes <c>cgroup.kill</c> of a scope (SIGKILL to every process in it, forks racing the kill
    /// included), waits, bounded, until it is empty, then removes the directory. Returns whether the
    /// directory is gone. Only a directory named as an attempt scope is touched.
    /// </summary>
    public static bool Stop(string path)
    {
        if (!System.IO.Path.GetFileName(path).StartsWith(NamePrefix, StringComparison.Ordinal) || !File.Exists(System.IO.Path.Combine(path, "cgroup.procs")))
        {
            return !Directory.Exists(path);
        }

        try
        {
            File.WriteAllText(System.IO.Path.Combine(path, "cgroup.kill"), "1");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No cgroup.kill (a kernel before 5.14): kill the members one by one.
            foreach (var pid in Members(path))
            {
                _ = ProcessSignals.Kill(pid, ProcessSignals.SigKill);
            }
        }

        // SIGKILL is asynchronous, and a cgroup with members cannot be removed.
        var deadline = Environment.TickCount64 + (long)KillWait.TotalMilliseconds;
        using var pause = new ManualResetEventSlim();
        while (true)
        {
            try
            {
                Directory.Delete(path);
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (Environment.TickCount64 >= deadline)
                {
                    return false;
                }
            }

            pause.Wait(10);
        }
    }

    private static List<int> Members(string path)
    {
        try
        {
            return File.ReadAllLines(System.IO.Path.Combine(path, "cgroup.procs"))
                .Select(line => int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(pid => pid > 0)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
