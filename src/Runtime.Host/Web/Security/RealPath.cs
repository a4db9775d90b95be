using System.Runtime.InteropServices;

namespace AgentRuntime.Host.Web.Security;

/// <summary>realpath(3): the canonical path with every symlink, <c>.</c> and <c>..</c> resolved by the file system.</summary>
internal static partial class RealPath
{
    /// <summary>The real path of an existing <paramref name="path"/>; null when it (or a link's target) does not exist.</summary>
    public static string? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var resolved = Resolve(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    // With a null buffer, glibc allocates the result; the caller frees it.
    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint Resolve(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);
}
