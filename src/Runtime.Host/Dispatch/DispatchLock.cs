using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The dispatch lock: "one dispatcher process". The process holds an exclusive OS lock on a
/// sidecar file (<c>&lt;lockPath&gt;.flock</c>, flock(2) through <see cref="FileShare.None"/>), which
/// the kernel releases when the process dies however it dies. Beside it, the spec's lock file
/// (spec §5.2) is still created with O_EXCL, holding <c>{"pid","runner_id","created_at"}</c>, and
/// deleted on release, so a Bun-runtime dispatcher pointed at the same state sees it held. A lock
/// file left by a dead process is cleared first and reported so the caller can record
/// <c>dispatch_lock_stale_cleared</c>.
/// </summary>
internal sealed class DispatchLock : IDisposable
{
    private readonly string _content;
    private readonly FileStream _held;
    private bool _released;

    private DispatchLock(string path, string content, FileStream held)
    {
        Path = path;
        _content = content;
        _held = held;
    }

    public string Path { get; }

    public static LockAcquisition TryAcquire(string path, string runnerId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw DispatchLockException.For(path, ex);
        }

        if (HoldProcessLock(path) is not { } held)
        {
            return new LockAcquisition(null, null);
        }

        var acquisition = TryAcquireFile(path, runnerId, time, held);
        if (!acquisition.Acquired)
        {
            held.Dispose();
        }

        return acquisition;
    }

    /// <summary>
    /// The sidecar's exclusive lock, or null when another process (or another dispatcher in this one)
    /// holds it. A sidecar that cannot be opened at all (a read-only mount, a full disk, no permission)
    /// is not a held lock: that throws <see cref="DispatchLockException"/> naming it, instead of
    /// reporting <c>dispatch_locked</c> for ever.
    /// </summary>
    private static FileStream? HoldProcessLock(string path)
    {
        var sidecar = path + ".flock";
        try
        {
            return new FileStream(sidecar, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw DispatchLockException.For(sidecar, ex);
        }
        catch (IOException ex)
        {
            if (DirectoryTakesFiles(path))
            {
                return null;
            }

            throw DispatchLockException.For(sidecar, ex);
        }
    }

    /// <summary>
    /// Whether a new file can be created beside the lock. The exclusive open fails the same way
    /// (an <see cref="IOException"/>) when another process holds the lock and when the directory is
    /// on a read-only mount; only in the first case can a file of our own be created there.
    /// </summary>
    private static bool DirectoryTakesFiles(string path)
    {
        var probe = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.probe";
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            DeleteQuietly(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static LockAcquisition TryAcquireFile(string path, string runnerId, TimeProvider time, FileStream held)
    {
        var stale = ClearIfStale(path, out var heldByLiveProcess);
        if (heldByLiveProcess)
        {
            return new LockAcquisition(null, null);
        }

        var content = JsJson.Serialize(new JsonObject
        {
            ["pid"] = Environment.ProcessId,
            ["runner_id"] = runnerId,
            ["created_at"] = IsoTime.Now(time),
        });

        // Publish the lock whole: write a private file, then move it into place without replacing
        // (link(2) semantics). Another dispatcher therefore never sees an empty or half-written lock
        // and mistakes it for a stale one while this process is still writing it.
        var staging = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(staging, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nobody else's lock: the directory cannot take a file (a full disk, a read-only mount).
            DeleteQuietly(staging);
            throw DispatchLockException.For(path, ex);
        }

        try
        {
            File.Move(staging, path, overwrite: false);
            return new LockAcquisition(new DispatchLock(path, content, held), stale);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LockAcquisition(null, stale);
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    private static StaleLock? ClearIfStale(string path, out bool heldByLiveProcess)
    {
        heldByLiveProcess = false;
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cannot read it: treat it as held rather than deleting what we cannot inspect.
            heldByLiveProcess = true;
            return null;
        }

        string reason;
        int? pid = null;
        string? runner = null;
        if (text.Length == 0)
        {
            reason = "empty_lock_file";
        }
        else
        {
            JsonObject? parsed = null;
            try
            {
                parsed = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
            }

            if (parsed is null)
            {
                reason = "malformed_lock_file";
            }
            else
            {
                runner = parsed["runner_id"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : null;
                if (parsed["pid"] is JsonValue p && p.GetValueKind() == JsonValueKind.Number && p.GetValue<double>() is var d && d > 0 && d == Math.Floor(d) && d <= int.MaxValue)
                {
                    pid = (int)d;
                    if (ProcessLiveness.IsAlive(pid.Value))
                    {
                        heldByLiveProcess = true;
                        return null;
                    }

                    reason = "pid_not_live";
                }
                else
                {
                    reason = "missing_or_invalid_pid";
                }
            }
        }

        return RemoveIfUnchanged(path, text, out heldByLiveProcess) ? new StaleLock(reason, pid, runner) : null;
    }

    /// <summary>
    /// Removes the stale lock only if it still holds what was inspected: it is renamed aside first,
    /// and if another dispatcher replaced it meanwhile with a live lock, that lock is put back.
    /// </summary>
    private static bool RemoveIfUnchanged(string path, string inspected, out bool heldByLiveProcess)
    {
        heldByLiveProcess = false;
        var aside = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.stale";
        try
        {
            File.Move(path, aside, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return false; // someone else cleared it; acquisition decides
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            heldByLiveProcess = true;
            return false;
        }

        if (File.ReadAllText(aside).Trim() == inspected)
        {
            File.Delete(aside);
            return true;
        }

        heldByLiveProcess = true;
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(aside);
        }

        return false;
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that was never written; on a read-only mount even its unlink fails.
        }
    }

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            // Delete only our own lock: never one a later dispatcher took after ours was cleared.
            if (File.ReadAllText(Path) == _content)
            {
                File.Delete(Path);
            }
        }
        catch (IOException)
        {
            // Nothing more can be done; the next dispatcher's stale check clears it.
        }
        finally
        {
            // Released last, so no other dispatcher of this host gets in while the lock file is still ours.
            _held.Dispose();
        }
    }
}
