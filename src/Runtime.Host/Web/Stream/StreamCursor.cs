using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Web.Stream;

/// <summary>Where a client asks its stream to start: after the event id it names, or (none named) after the newest.</summary>
internal static class StreamCursor
{
    /// <summary>
    /// The <c>Last-Event-ID</c> header wins over <c>?since=</c>: a browser's <c>EventSource</c>
    /// reconnects to the URL it was opened with, so its <c>since</c> is the page's original start
    /// while the header is what it last received. A value that is not a non-negative integer is
    /// ignored (the reference parsed <c>since</c> loosely and then overwrote it anyway).
    /// </summary>
    public static long? Requested(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(request.Headers["Last-Event-ID"].ToString()) ?? Parse(request.Query["since"].ToString());
    }

    private static long? Parse(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
