namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// A writable copy of the Bun-made state directory in <c>tests/Fixtures/bun-state</c> (never
/// touched in place). Its own <c>config/runtime.json</c> uses relative paths, so it works as is.
/// </summary>
internal sealed class BunFixture : IDisposable
{
    public BunFixture()
    {
        Directory = new TempDirectory("agent-runtime-bun");
        Copy(Repo.BunStateDirectory, Directory.Path);
    }

    public TempDirectory Directory { get; }

    public string ConfigPath => Directory.Combine("config", "runtime.json");

    public string DbPath => Directory.Combine("state", "runtime.db");

    public Task<CliResult> RunAsync(params string[] args) =>
        HostCli.RunAsync(Directory.Path, [.. args, "--config", ConfigPath], null, null);

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetFileName(file));
            File.Copy(file, target);

            // The fixture may be checked out read-only; the copy must be writable for SQLite's WAL and the logs.
            File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserWrite);
        }

        foreach (var directory in System.IO.Directory.GetDirectories(from))
        {
            Copy(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
        }

        File.SetUnixFileMode(to, File.GetUnixFileMode(to) | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Dispose();
}
