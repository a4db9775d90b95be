using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The exclusive dispatch lock file (spec §5.2): created with O_EXCL, holding
/// <c>{"pid","runner_id","created_at"}</c>, deleted on release. A lock left by a dead process is
/// cleared first and reported so the caller can record <c>dispatch_lock_stale_cleared</c>.
/// </summary>
internal sealed class DispatchLock : IDisposable
{
    private readonly FileStream _stream;
    private bool _released;

    private DispatchLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public static LockAcquisition TryAcquire(string path, string runnerId, TimeProvider time)
    {
        var stale = ClearIfStale(path, out var heldByLiveProcess);
        if (heldByLiveProcess)
        {
            return new LockAcquisition(null, null);
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            var content = JsJson.Serialize(new JsonObject
            {
                ["pid"] = Environment.ProcessId,
                ["runner_id"] = runnerId,
                ["created_at"] = IsoTime.Now(time),
            });
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
            return new LockAcquisition(new DispatchLock(path, stream), stale);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LockAcquisition(null, stale);
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

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            heldByLiveProcess = true;
            return null;
        }

        return new StaleLock(reason, pid, runner);
    }

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _stream.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Nothing more can be done; the next dispatcher's stale check clears it.
        }
    }
}
