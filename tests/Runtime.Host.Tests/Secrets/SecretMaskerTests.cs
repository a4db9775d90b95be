using System.Text.Json.Nodes;
using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Host.Tests.Secrets;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Apply_KnownValues_EveryOccurrenceMaskedLongestFirst()
    {
        var masker = new SecretMasker().Add("abcd").Add("abcdef-long");

        Assert.Equal("x *** y *** z ***", masker.Apply("x abcdef-long y abcd z abcd"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("    ")]
    [InlineData("true")]
    [InlineData("NULL")]
    public void Add_ShortOrTrivialValue_NeverMasked(string value)
    {
        var masker = new SecretMasker().Add(value);

        Assert.Equal(0, masker.Count);
        Assert.Equal($"say {value} ok", masker.Apply($"say {value} ok"));
    }

    [Fact]
    public void Add_MultiLineValue_EachLineMaskedToo()
    {
        var masker = new SecretMasker().Add("first-line-1\nsecond-line-2");

        Assert.Equal("***", masker.Apply("first-line-1\nsecond-line-2"));
        Assert.Equal("got *** then", masker.Apply("got second-line-2 then"));
    }

    [Fact]
    public void Apply_JsonNode_StringsAndNamesMaskedOtherValuesKept()
    {
        var masker = new SecretMasker().Add("hunter22");
        var node = JsonNode.Parse("""{"a":"pw hunter22","hunter22":1,"n":5,"b":true,"list":["hunter22",null]}""");

        var masked = masker.Apply(node)!.ToJsonString();

        Assert.Equal("""{"a":"pw ***","***":1,"n":5,"b":true,"list":["***",null]}""", masked);
    }

    [Fact]
    public void None_AddIgnored_NothingMasked()
    {
        SecretMasker.None.Add("hunter22");

        Assert.Equal(0, SecretMasker.None.Count);
    }
    [Theory]
    [InlineData("json escaped", "{\"t\":\"p\\\"w/\\\\x+\\u00e9\"}")]
    [InlineData("json ascii upper", "p\\\"w/\\\\x+\\u00E9")]
    [InlineData("json default encoder", "p\\u0022w/\\\\x\\u002B\\u00E9")]
    [InlineData("percent", "q=p%22w%2F%5Cx%2B%C3%A9&z")]
    [InlineData("percent lower", "q=p%22w%2f%5cx%2b%c3%a9&z")]
    public void Apply_EncodedForm_Masked(string form, string text)
    {
        var masker = new SecretMasker().Add("p\"w/\\x+\u00e9");

        Assert.DoesNotContain("22w", masker.Apply(text), StringComparison.Ordinal);
        Assert.Contains("***", masker.Apply(text), StringComparison.Ordinal);
        Assert.NotEmpty(form);
    }

    [Theory]
    [InlineData("")]
    [InlineData("u:")]
    [InlineData("us:")]
    [InlineData("Basic user:")]
    public void Apply_Base64AtEveryAlignment_ValueBytesMasked(string prefix)
    {
        const string secret = "s3cr3t-T0ken/with+bytes?";
        var masker = new SecretMasker().Add(secret);
        var bytes = System.Text.Encoding.UTF8.GetBytes(prefix + secret + "\n");

        foreach (var encoded in new[] { Convert.ToBase64String(bytes), Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=') })
        {
            var masked = masker.Apply("Authorization: " + encoded);

            Assert.Contains("***", masked, StringComparison.Ordinal);
            Assert.True(masked.Length < ("Authorization: " + encoded).Length - 20, masked);
        }
    }

    [Fact]
    public void Apply_WrappedBase64Lines_EachLineMasked()
    {
        var secret = new string('k', 30) + "-long-secret-value-" + new string('z', 60);
        var masker = new SecretMasker().Add(secret);
        var whole = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));

        Assert.Equal("***", masker.Apply(whole[..76]));
        Assert.Contains("***", masker.Apply(whole[76..]), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PlainText_NotMaskedByEncodedForms()
    {
        var masker = new SecretMasker().Add("hunter22-value");

        Assert.Equal("a plain line with no secret in it", masker.Apply("a plain line with no secret in it"));
    }
}
