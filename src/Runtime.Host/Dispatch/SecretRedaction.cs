using System.Text.RegularExpressions;

namespace AgentRuntime.Host.Dispatch;

/// <summary>Redacts environment values whose variable name looks secret (spec §6.1): token, secret, password, key, auth.</summary>
internal static partial class SecretRedaction
{
    public const string Redacted = "[redacted]";

    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    public static string Redact(string name, string value) => IsSecretName(name) ? Redacted : value;

    [GeneratedRegex("token|secret|password|key|auth", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}
