using System.Text;
using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>The evidence an attempt leaves (the attempt view): a task's attempts with their bundles, and the live output files.</summary>
internal sealed class AttemptService(SqliteRuntimeStore store, string artifactDir)
{
    /// <summary>The most an output read returns at once.</summary>
    public const int MaxChunkBytes = 64 * 1024;

    public static readonly IReadOnlyList<string> Channels = ["stdout", "stderr"];

    public string ArtifactDir => artifactDir;

    /// <summary>The task with its attempts (oldest first) and their bundles, or null for an unknown id.</summary>
    public TaskDetail? GetTask(string taskId) => store.Read(session =>
    {
        if (session.GetTask(taskId) is not { } task)
        {
            return null;
        }

        var attempts = session.ListAttempts(taskId);
        var bundles = new Dictionary<string, BundleFiles>(StringComparer.Ordinal);
        foreach (var id in attempts.Select(a => a.BundleId).OfType<string>().Distinct())
        {
            if (session.GetBundle(id) is { } bundle)
            {
                bundles[id] = bundle;
            }
        }

        var cancelRequested = attempts.Where(a => session.GetCancelRequest(a.AttemptId) is not null).Select(a => a.AttemptId).ToHashSet(StringComparer.Ordinal);
        return new TaskDetail(task, attempts, bundles, cancelRequested);
    });

    /// <summary>
    /// Up to <see cref="MaxChunkBytes"/> of the attempt's <c>stdout.log</c> or <c>stderr.log</c> from
    /// <paramref name="offset"/>, cut at a UTF-8 character boundary; a file not written yet reads as
    /// empty. Null for an unknown attempt.
    /// </summary>
    public async Task<AttemptOutput?> ReadOutputAsync(string attemptId, string channel, long offset, CancellationToken cancellationToken)
    {
        var attempt = await store.GetAttemptAsync(attemptId, cancellationToken).ConfigureAwait(false);
        if (attempt is null)
        {
            return null;
        }

        var paths = AuditWriter.PathsFor(artifactDir, attempt.TaskId, attempt.AttemptId);
        var path = channel == "stderr" ? paths.Stderr : paths.Stdout;
        var running = attempt.Status == "running";
        byte[] chunk;
        long size;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            size = file.Length;
            offset = Math.Min(offset, size);
            file.Position = offset;
            chunk = new byte[(int)Math.Min(MaxChunkBytes, size - offset)];
            await file.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new AttemptOutput(attemptId, channel, offset, offset, 0, "", running);
        }

        var length = CompleteLength(chunk, atEnd: offset + chunk.Length >= size && !running);
        return new AttemptOutput(attemptId, channel, offset, offset + length, size, Encoding.UTF8.GetString(chunk, 0, length), running);
    }

    /// <summary>The chunk's length without a trailing, incomplete UTF-8 sequence (the next read starts with it), unless nothing more will come.</summary>
    private static int CompleteLength(byte[] chunk, bool atEnd)
    {
        if (atEnd || chunk.Length == 0)
        {
            return chunk.Length;
        }

        // Walk back over continuation bytes (10xxxxxx) to the last lead byte and check its sequence is whole.
        var lead = chunk.Length - 1;
        while (lead > 0 && lead > chunk.Length - 4 && (chunk[lead] & 0xC0) == 0x80)
        {
            lead--;
        }

        var needed = chunk[lead] switch
        {
            < 0x80 => 1,
            >= 0xF0 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        return lead + needed <= chunk.Length ? chunk.Length : lead;
    }
}
