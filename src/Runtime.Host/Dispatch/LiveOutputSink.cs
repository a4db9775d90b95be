using System.Text;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Live output of a running attempt: appends every stdout and stderr line the adapter reports to
/// <c>stdout.log</c> and <c>stderr.log</c> of the attempt's audit directory as it arrives, flushed per
/// line, so an operator (or the web UI) can follow a run. Like the audit files it replaces at the
/// end (<see cref="AuditWriter"/>), it holds the output as the adapter produced it: the audit's
/// redaction applies to the environment in <c>invocation.json</c>, not to output text. Passes
/// everything to <paramref name="inner"/> first. Never throws into the adapter: a file that cannot
/// be written is given up on and removed, and the run goes on. Thread-safe; writes after dispose are dropped.
/// </summary>
internal sealed class LiveOutputSink(AuditPaths paths, IExecutionSink inner) : IExecutionSink, IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _stdout;
    private FileStream? _stderr;
    private bool _stdoutFailed;
    private bool _stderrFailed;
    private bool _disposed;

    public void Write(OutputChannel channel, string text)
    {
        inner.Write(channel, text);
        if (channel is not (OutputChannel.Stdout or OutputChannel.Stderr) || text is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var stdout = channel == OutputChannel.Stdout;
            if (stdout ? _stdoutFailed : _stderrFailed)
            {
                return;
            }

            try
            {
                var stream = stdout ? _stdout ??= Open(paths.Stdout) : _stderr ??= Open(paths.Stderr);
                stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
                stream.Flush();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // Closed now (its buffer holds what did not fit, and would fail again at dispose) and
                // removed: on a full disk the partial file would keep the disk full, and the attempt's
                // end could then not be recorded. The audit writer writes the whole output at the end.
                if (stdout)
                {
                    _stdoutFailed = true;
                    Close(ref _stdout);
                    Delete(paths.Stdout);
                }
                else
                {
                    _stderrFailed = true;
                    Close(ref _stderr);
                    Delete(paths.Stderr);
                }
            }
        }
    }

    /// <summary>Closes the files; the audit writer may then replace them with the final text.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Close(ref _stdout);
            Close(ref _stderr);
        }
    }

    /// <summary>
    /// Closes a file without throwing: on a full disk the close flushes bytes that do not fit and
    /// fails, and that failure must not end the attempt (the audit writer writes the whole output next).
    /// </summary>
    private static void Close(ref FileStream? stream)
    {
        try
        {
            stream?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // The handle is released by the dispose even when its flush fails.
        }

        stream = null;
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Given up on either way.
        }
    }

    private static FileStream Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Readers (the web's output route) may read while the run appends.
        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }
}
