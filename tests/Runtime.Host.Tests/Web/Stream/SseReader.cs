using System.Globalization;
using System.Net.Http.Headers;

namespace AgentRuntime.Host.Tests.Web.Stream;

/// <summary>
/// A minimal <c>EventSource</c>: opens a stream and reads it block by block (a blank line ends a
/// block), keeping the wire format visible to the test. Every read has a timeout.
/// </summary>
internal sealed class SseReader : IAsyncDisposable
{
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        Response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response { get; }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, long? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        using var timeout = new CancellationTokenSource(ReadTimeout);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return new SseReader(response, new StreamReader(body));
    }

    /// <summary>The next block, or null when the server ended the stream.</summary>
    public async Task<SseMessage?> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? ReadTimeout);
        string? id = null, name = null, data = null, retry = null, comment = null;
        var any = false;
        while (await _reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseMessage(id, name, data, retry, comment);
                }

                continue;
            }

            any = true;
            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
                case "retry": retry = value; break;
                default: throw new InvalidOperationException($"unexpected field line: {line}");
            }
        }

        return null;
    }

    /// <summary>The next block that is not a keep-alive comment.</summary>
    public async Task<SseMessage> NextFrameAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await NextAsync(timeout) ?? throw new InvalidOperationException("the stream ended");
            if (message.Comment is null || message.Event is not null)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        Response.Dispose();
        await Task.CompletedTask;
    }
}
