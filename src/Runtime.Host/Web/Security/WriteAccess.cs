using System.Security.Cryptography;
using System.Text;
using AgentRuntime.Host.Web.Api;
using Microsoft.AspNetCore.Http;

namespace AgentRuntime.Host.Web.Security;

/// <summary>
/// Who may call the mutating routes (every POST the API answers: queue, cancel, pause, schedules,
/// tick, sensor events). Bound to loopback, anyone (as in the reference); bound elsewhere, a
/// request must carry <c>Authorization: Bearer &lt;token&gt;</c>, compared in constant time. Reads
/// stay open either way.
/// </summary>
internal sealed class WriteAccess
{
    private readonly byte[]? _tokenHash;

    private WriteAccess(string? token) => _tokenHash = token is null ? null : Hash(token);

    /// <summary>Writes need no token.</summary>
    public static WriteAccess Open { get; } = new(null);

    /// <summary>Whether a write must carry the token.</summary>
    public bool TokenRequired => _tokenHash is not null;

    public static WriteAccess WithToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new WriteAccess(token);
    }

    /// <summary>Null when the write may go ahead, else the 401 to answer.</summary>
    public IResult? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_tokenHash is null)
        {
            return null;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("authorization required: send Authorization: Bearer <token>");
        }

        // Hashing first gives equal lengths, so the comparison time says nothing about the token.
        return CryptographicOperations.FixedTimeEquals(Hash(header["Bearer ".Length..].Trim()), _tokenHash)
            ? null
            : Unauthorized("invalid token");
    }

    private static JsonText Unauthorized(string message) =>
        new(new System.Text.Json.Nodes.JsonObject { ["error"] = message }, StatusCodes.Status401Unauthorized)
        {
            Headers = [new("WWW-Authenticate", "Bearer")],
        };

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
