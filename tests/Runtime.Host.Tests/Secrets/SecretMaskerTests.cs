using System.Text.Json.Nodes;
using AgentRuntime.Host.Secrets;

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
}
