using AgentRuntime.Host.Dispatch;

namespace AgentRuntime.Host.Secrets;

/// <summary>
/// Which variable names (adapter <c>env</c> keys, env-file keys, the runtime's own environment,
/// payload keys, <c>extraArgs</c> flags) hold secrets: names that look secret
/// (<see cref="SecretRedaction.IsSecretName"/>: token, secret, password, key, auth) and the names
/// listed in the config's <c>secretNames</c>, matched exactly. A <c>*_CREDENTIAL</c> key holds a
/// credential id, not a secret: its resolved value is masked instead (by the plugin that resolves it).
/// </summary>
internal sealed class SecretNames(IEnumerable<string> extra)
{
    private const string CredentialSuffix = "_CREDENTIAL";

    /// <summary>Names that look secret only (where the config's <c>secretNames</c> is not at hand).</summary>
    public static SecretNames Default { get; } = new([]);

    private readonly HashSet<string> _extra = new(extra, StringComparer.Ordinal);

    public bool IsSecret(string name) =>
        !name.EndsWith(CredentialSuffix, StringComparison.Ordinal) && (_extra.Contains(name) || SecretRedaction.IsSecretName(name));

    public bool IsListed(string name) => _extra.Contains(name);
}
