using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// The runtimes one CLI is measured against: a small one the commands write to, one beside 1,000
/// tasks and one beside 1,000,000 (the web benchmark's cached database). Each CLI gets its own, so
/// neither sees the other's writes.
/// </summary>
internal sealed class SuiteRuntime : IDisposable
{
    private readonly BenchmarkDirectory _small = new();
    private readonly BenchmarkDirectory _thousand = new();
    private readonly BenchmarkDirectory _million = new();

    public SuiteRuntime(string millionDatabase, bool copyMillion)
    {
        SmallConfig = _small.WriteConfig();
        ThousandConfig = _thousand.WriteConfig();
        using (var db = RuntimeDatabase.Open(_thousand.DbPath, TimeProvider.System))
        {
            TaskFiller.Fill(db, 1_000, QueueMix.MostlyFinished, TimeProvider.System.GetUtcNow());
        }

        // The million-task file is a gigabyte: shared read-only by status unless another runtime must not touch it.
        var million = millionDatabase;
        if (copyMillion)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_million.DbPath)!);
            File.Copy(millionDatabase, _million.DbPath);
            million = _million.DbPath;
        }

        MillionConfig = _million.WriteConfig(million);
    }

    public string SmallDirectory => _small.Path;

    public string SmallConfig { get; }

    public string ThousandDirectory => _thousand.Path;

    public string ThousandConfig { get; }

    public string MillionDirectory => _million.Path;

    public string MillionConfig { get; }

    public void Dispose()
    {
        _small.Dispose();
        _thousand.Dispose();
        _million.Dispose();
    }
}
