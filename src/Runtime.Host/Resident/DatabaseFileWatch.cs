using Serilog;

namespace AgentRuntime.Host.Resident;

/// <summary>
/// Nudges the idle waiter when the database's <c>-wal</c> file or the pause file changes (inotify,
/// through <see cref="FileSystemWatcher"/>): every commit, by any process on this host, appends to
/// the WAL. The event is only a hint to look at <c>PRAGMA data_version</c> now rather than at the
/// next tick; the tick stays as the safety net for what inotify does not see (a writer on another
/// host of a network mount, a watch that failed), so the dispatcher is never less awake than with
/// the tick alone. While the watch runs, the waiter's tick is the longer one given (fewer idle looks);
/// if it stops, the waiter's own tick comes back.
/// </summary>
internal sealed class DatabaseFileWatch : IDisposable
{
    private readonly FileSystemWatcher? _watcher;
    private readonly string _walName;
    private readonly string _pauseName;
    private readonly IdleWaiter _waiter;
    private volatile bool _active;

    private DatabaseFileWatch(string dbPath, string pausePath, IdleWaiter waiter, TimeSpan watchedTick, ILogger log)
    {
        _waiter = waiter;
        var fallbackTick = waiter.Tick;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dbPath))!;
        _walName = Path.GetFileName(dbPath) + "-wal";

        // The pause file is watched only where it sits beside the database (the default layout);
        // elsewhere its changes are seen at the next tick, or through the event its command commits.
        _pauseName = Path.GetDirectoryName(Path.GetFullPath(pausePath)) == directory ? Path.GetFileName(pausePath) : _walName;
        try
        {
            _watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += OnChange;
            _watcher.Created += OnChange;
            _watcher.Deleted += OnChange;
            _watcher.Renamed += (_, e) => Nudge(e.Name, e.OldName);
            _watcher.Error += (_, e) =>
            {
                _active = false;
                waiter.Tick = fallbackTick;
                log.Warning(e.GetException(), "The watch on {Directory} stopped; the dispatcher looks for new work on its tick only", directory);
            };
            _watcher.EnableRaisingEvents = true;
            _active = true;
            waiter.Tick = watchedTick;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify instance or watch to spare: the tick alone, as without the watch.
            log.Warning(ex, "Cannot watch {Directory} for commits; the dispatcher looks for new work on its tick only", directory);
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Whether file events arrive (the waiter then looks every <c>watchedTick</c> between them).</summary>
    public bool Active => _active;

    /// <param name="dbPath">The database file; its directory is watched.</param>
    /// <param name="pausePath">The pause file, watched when it sits in the same directory.</param>
    /// <param name="waiter">Nudged at each change; its tick becomes <paramref name="watchedTick"/> while the watch runs.</param>
    /// <param name="watchedTick">The safety-net tick while file events arrive.</param>
    /// <param name="log">Where a watch that cannot start or stops is reported.</param>
    public static DatabaseFileWatch Start(string dbPath, string pausePath, IdleWaiter waiter, TimeSpan watchedTick, ILogger log) =>
        new(dbPath, pausePath, waiter, watchedTick, log);

    private void OnChange(object sender, FileSystemEventArgs e) => Nudge(e.Name);

    private void Nudge(params string?[] names)
    {
        if (names.Any(n => n == _walName || n == _pauseName))
        {
            _waiter.Nudge();
        }
    }

    public void Dispose() => _watcher?.Dispose();
}
