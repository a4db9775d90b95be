namespace AgentRuntime.Host.Configuration;

/// <summary>The config's <c>web</c> block (new; the reference's web server had no settings).</summary>
internal sealed record WebSettings
{
    /// <summary>
    /// A credential id (<c>web.tokenCredential</c>) resolved through the credentials skill as the
    /// adapters' <c>*_CREDENTIAL</c> references are; its value is the bearer token the mutating
    /// routes require when the server binds a non-loopback address. Null when not set.
    /// </summary>
    public string? TokenCredential { get; init; }
}
