using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Web.Api;

/// <summary>Reads query parameters the way the reference's routes did: a number clamped to a range, a default when absent or not a number.</summary>
internal static class QueryValues
{
    public static int ClampedInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(request);
        return double.TryParse(request.Query[name].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? (int)Math.Clamp(Math.Truncate(value), min, max)
            : fallback;
    }

    public static long Long(HttpRequest request, string name, long fallback)
    {
        ArgumentNullException.ThrowIfNull(request);
        return double.TryParse(request.Query[name].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? (long)Math.Clamp(Math.Truncate(value), long.MinValue, long.MaxValue)
            : fallback;
    }

    /// <summary>The parameter's value, or null when it is absent or empty.</summary>
    public static string? Text(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Query[name].ToString() is { Length: > 0 } text ? text : null;
    }
}
