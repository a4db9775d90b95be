namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>A private, writable copy of the state directory the Bun runtime wrote (<c>shared/fixtures/bun-state</c>).</summary>
internal sealed class BunFixture : IDisposable
{
    public BunFixture()
    {
        Directory = new TempDirectory("bun-fixture");
        Copy(System.IO.Path.Combine(Repo.SharedDirectory, "fixtures", "bun-state"), Directory.Path);
    }

    public TempDirectory Directory { get; }

    public string ConfigPath => Directory.Combine("config", "runtime.json");

    public string DbPath => Directory.Combine("state", "runtime.db");

    public Task<CliResult> RunAsync(params string[] args) =>
        HostCli.RunAsync(Directory.Path, [.. args, "--config", ConfigPath], null, null);

    public void Dispose() => Directory.Dispose();

    private static void Copy(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetFileName(file));
            File.Copy(file, destination);
            File.SetUnixFileMode(destination, File.GetUnixFileMode(file) | UnixFileMode.UserWrite | UnixFileMode.UserRead);
        }

        foreach (var directory in System.IO.Directory.GetDirectories(source))
        {
            Copy(directory, System.IO.Path.Combine(target, System.IO.Path.GetFileName(directory)));
        }
    }
}
