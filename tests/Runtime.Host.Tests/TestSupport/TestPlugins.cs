using System.Diagnostics;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// Builds the test plugin projects under <c>tests/Plugins</c> (which the host does not reference)
/// once per test run, serially, and lays out plugin directories from them.
/// </summary>
public sealed class TestPlugins
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Built = new(StringComparer.Ordinal);

    public static async Task<string> BuildAsync(string project)
    {
        await Gate.WaitAsync();
        try
        {
            if (Built.TryGetValue(project, out var existing))
            {
                return existing;
            }

            var projectDir = Repo.Path_("tests", "Plugins", project);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = projectDir };
            foreach (var arg in new[] { "build", "-c", Repo.Configuration, "-nologo", "-v", "q" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"building {project} failed:\n{await stdout}\n{await stderr}");
            }

            var output = Path.Combine(projectDir, "bin", Repo.Configuration, "net10.0");
            Built[project] = output;
            return output;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Drops a built plugin into <c>&lt;pluginsDir&gt;/&lt;name&gt;/</c>, as an operator copies a DLL and its dependencies.</summary>
    public static void Drop(string buildOutput, string pluginsDir, string name, params string[] except)
    {
        var target = Path.Combine(pluginsDir, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(buildOutput))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.StartsWith("Runtime.Sdk.", StringComparison.Ordinal) || except.Contains(fileName))
            {
                continue;
            }

            File.Copy(file, Path.Combine(target, fileName), overwrite: true);
        }
    }

    /// <summary>Copies one of the first-party plugins laid out by the solution build.</summary>
    public static void DropFirstParty(string pluginsDir, string name) =>
        Drop(Path.Combine(Repo.HostDirectory, "plugins", name), pluginsDir, name);
}
