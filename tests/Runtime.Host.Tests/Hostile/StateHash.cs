using System.Security.Cryptography;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Every file under a state directory (database, WAL, logs, artifacts) with the SHA-256 of its bytes, to tell a refused input that changed nothing.</summary>
internal static class StateHash
{
    public static SortedDictionary<string, string> Of(string directory)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return files;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            // SQLite's WAL index (-shm) is shared memory that readers write their marks into and
            // holds no data; an empty WAL is what opening a connection creates and closing the
            // last one removes. Neither says anything was written.
            if (file.EndsWith("-shm", StringComparison.Ordinal) || (file.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(file).Length == 0))
            {
                continue;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            files[Path.GetRelativePath(directory, file)] = Convert.ToHexString(SHA256.HashData(stream));
        }

        return files;
    }

    /// <summary>What differs between two hashes of a directory, for a failure message; empty when nothing does.</summary>
    public static string Diff(SortedDictionary<string, string> before, SortedDictionary<string, string> after)
    {
        var changes = new List<string>();
        foreach (var (path, hash) in after)
        {
            if (!before.TryGetValue(path, out var old))
            {
                changes.Add($"+{path}");
            }
            else if (old != hash)
            {
                changes.Add($"~{path}");
            }
        }

        changes.AddRange(before.Keys.Where(path => !after.ContainsKey(path)).Select(path => $"-{path}"));
        return string.Join(" ", changes);
    }
}
