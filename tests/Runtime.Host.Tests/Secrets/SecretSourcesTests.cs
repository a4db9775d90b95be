using System.Text.Json.Nodes;
using AgentRuntime.Host.Secrets;

namespace AgentRuntime.Host.Tests.Secrets;

public sealed class SecretSourcesTests
{
    private static readonly SecretNames Names = new(["PLAIN_LISTED"]);

    [Fact]
    public void EnvFile_SecretNamesAndMarkedLines_OnlyThoseValues()
    {
        var values = SecretEnvFile.Parse("""
            API_TOKEN="tok-value-1"
            MODEL=gpt-plain
            # secret
            export SEED='seed-value-2'

            # secret
            
            NOT_MARKED=blank-line-between
            PLAIN_LISTED=listed-value-3
            DEPLOY_TOKEN_CREDENTIAL=cred-id
            """, Names);

        Assert.Equal(["tok-value-1", "seed-value-2", "listed-value-3"], values);
    }

    [Fact]
    public void ExtraArgs_SecretFlags_ValuesOfBothForms()
    {
        var values = SecretSources.ExtraArgs(["--verbose", "--password", "pw-value-1", "--api-key=key-value-2", "--model", "gpt", "--token", "--next"], Names);

        Assert.Equal(["pw-value-1", "key-value-2"], values);
    }

    [Fact]
    public void Payload_SecretKeysAtAnyDepth_StringAndNumberValues()
    {
        var payload = JsonNode.Parse("""{"subject":"s","api_token":"p-tok-1","nested":{"auth":{"user":"u-name-2","pin":12345}},"list":[{"password":"p-pw-3"}],"PLAIN_LISTED":"p-listed-4"}""");

        Assert.Equal(["p-tok-1", "u-name-2", "12345", "p-pw-3", "p-listed-4"], SecretSources.Payload(payload, Names));
    }

    [Fact]
    public void MaskPayload_SecretValue_MaskedWhereverItAppearsInThePayload()
    {
        var payload = (JsonObject)JsonNode.Parse("""{"api_token":"p-tok-1","url":"https://x/?t=p-tok-1","n":1}""")!;

        var masked = SecretSources.MaskPayload(payload, SecretNames.Default);

        Assert.Equal("""{"api_token":"***","url":"https://x/?t=***","n":1}""", masked.ToJsonString());
        Assert.Equal("p-tok-1", payload["api_token"]!.GetValue<string>());
    }

    [Fact]
    public void Names_CredentialReference_NotASecretValue()
    {
        Assert.False(Names.IsSecret("GITHUB_TOKEN_CREDENTIAL"));
        Assert.True(Names.IsSecret("GITHUB_TOKEN"));
        Assert.True(Names.IsSecret("PLAIN_LISTED"));
        Assert.False(Names.IsSecret("MODEL"));
    }
}
