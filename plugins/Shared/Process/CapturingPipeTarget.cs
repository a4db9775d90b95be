using System.Text;
using AgentRuntime.Sdk;
using CliWrap;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// Keeps the exact text of one output stream and forwards it line by line to the sink. Readable
/// at any time (a timed-out run reports what was captured so far).
/// </summary>
internal sealed class CapturingPipeTarget(OutputChannel channel, IExecutionSink sink) : PipeTarget
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override async Task CopyFromAsync(Stream origin, CancellationToken cancellationToken = default)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int read;
        while ((read = await origin.ReadAsync(bytes, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(chars.AsSpan(0, decoder.GetChars(bytes, 0, read, chars, 0, flush: false)));
        }

        Append(chars.AsSpan(0, decoder.GetChars([], 0, 0, chars, 0, flush: true)));
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                EmitLine();
            }
        }
    }

    private void Append(ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            _text.Append(chunk);
            foreach (var c in chunk)
            {
                if (c == '\n')
                {
                    EmitLine();
                }
                else
                {
                    _line.Append(c);
                }
            }
        }
    }

    private void EmitLine()
    {
        var length = _line.Length > 0 && _line[^1] == '\r' ? _line.Length - 1 : _line.Length;
        sink.Write(channel, _line.ToString(0, length));
        _line.Clear();
    }
}
