using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Text;

namespace AgentRuntime.Host.Dispatch.Bundles;

/// <summary>Describes the workspace a task runs in (§5.7 step 6) by running git as a child process.</summary>
internal static class WorkspaceProbe
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>{ kind: "git", root, repo_root, git_sha, dirty }</c> or <c>{ kind: "no-repo", root, null… }</c>.
    /// A git that cannot be started, fails or hangs past 30 s counts as a failed command.
    /// </summary>
    public static JsonObject Detect(string root, string git = "git")
    {
        var top = OutsideAnyRepository(root) ? null : Run(git, root, "rev-parse", "--show-toplevel");
        if (top is not { Ok: true, Stdout.Length: > 0 })
        {
            return new JsonObject { ["kind"] = "no-repo", ["root"] = root, ["repo_root"] = null, ["git_sha"] = null, ["dirty"] = null };
        }

        var head = Run(git, root, "rev-parse", "HEAD");
        var status = Run(git, root, "status", "--porcelain");
        return new JsonObject
        {
            ["kind"] = "git",
            ["root"] = root,
            ["repo_root"] = top.Value.Stdout,
            ["git_sha"] = head is { Ok: true } ? head.Value.Stdout : null,
            ["dirty"] = status is { Ok: true } ? status.Value.Stdout.Length > 0 : null,
        };
    }

    /// <summary>
    /// True when git's discovery cannot find a repository from <paramref name="root"/>: no
    /// <c>.git</c> entry and nothing that looks like a git directory (a <c>HEAD</c> file) in it or
    /// any directory above it, and no <c>GIT_DIR</c> or <c>GIT_WORK_TREE</c> pointing git elsewhere. Then
    /// <c>rev-parse --show-toplevel</c> fails whatever git is installed, and the probe answers
    /// <c>no-repo</c> without starting it: a process start per attempt is most of a trivial
    /// attempt's cost under <c>serve</c>. In any other case git decides, as before.
    /// </summary>
    private static bool OutsideAnyRepository(string root)
    {
        if (Environment.GetEnvironmentVariable("GIT_DIR") is not null || Environment.GetEnvironmentVariable("GIT_WORK_TREE") is not null)
        {
            return false;
        }

        try
        {
            for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
            {
                if (Path.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, "HEAD")))
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }

        return true;
    }

    private static (bool Ok, string Stdout)? Run(string git, string root, params string[] args)
    {
        var info = new ProcessStartInfo(git)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(root);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            // RS0030 bans starting processes outside the process runners: this is the host's runner for git,
            // bounded by GitTimeout (the plugins' ProcessRunner is not part of the host).
#pragma warning disable RS0030
            using var process = Process.Start(info);
#pragma warning restore RS0030
            if (process is null)
            {
                return null;
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(GitTimeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            Task.WaitAll(stdout, stderr);
            return (process.ExitCode == 0, JsText.Trim(stdout.Result));
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
