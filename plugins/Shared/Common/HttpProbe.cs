using System.Text.Json.Nodes;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Shared;

/// <summary>
/// The dispatch probe's HTTP reachability check (spec §5.6): GET with a 2.5 s limit; a network
/// error, a timeout or a status ≥ 500 is not ok; anything else (4xx included) is ok.
/// </summary>
internal static class HttpProbe
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2.5);
    private static readonly HttpClient Http = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public static async Task<ProbeResult> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status >= 500
                ? new ProbeResult { Ok = false, Reason = $"{url} returned {status}", Detail = new JsonObject { ["status"] = status } }
                : new ProbeResult { Ok = true, Detail = new JsonObject { ["status"] = status, ["url"] = url } };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException or UriFormatException)
        {
            var reason = ex is OperationCanceledException ? $"{url} did not answer within {Limit.TotalSeconds} s" : ex.Message;
            return new ProbeResult { Ok = false, Reason = reason, Detail = new JsonObject { ["url"] = url } };
        }
    }
}
