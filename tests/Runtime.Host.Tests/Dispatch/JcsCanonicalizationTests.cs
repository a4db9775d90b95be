using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>RFC 8785 test vectors: bundle hashes depend on a conformant canonical form.</summary>
public sealed class JcsCanonicalizationTests
{
    [Fact]
    public void Canonicalize_Rfc8785Section322Sample_MatchesExpectedOutput()
    {
        var input = JsonNode.Parse("""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """);
        Assert.Equal(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
            JsJson.Canonicalize(input));
    }

    [Fact]
    public void Canonicalize_Rfc8785Section323Sorting_OrdersByUtf16CodeUnits()
    {
        var input = JsonNode.Parse("""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """);
        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            JsJson.Canonicalize(input));
    }

    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void FormatNumber_Rfc8785AppendixB_MatchesEcmaScript(ulong bits, string expected) =>
        Assert.Equal(expected, JsJson.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));

    [Theory]
    [InlineData("1e+30", "1e+30")]
    [InlineData("4.5", "4.5")]
    [InlineData("0.002", "0.002")]
    [InlineData("1e-27", "1e-27")]
    [InlineData("-0.0", "0")]
    [InlineData("100", "100")]
    public void Canonicalize_ParsedNumbers_UseEcmaScriptForm(string json, string expected) =>
        Assert.Equal($"[{expected}]", JsJson.Canonicalize(JsonNode.Parse($"[{json}]")));

    [Fact]
    public void Canonicalize_NestedObjects_SortedRecursivelyWithoutWhitespace() =>
        Assert.Equal(
            """{"a":[{"y":1,"z":{"b":2,"c":1}}],"b":{}}""",
            JsJson.Canonicalize(JsonNode.Parse("""{ "b": {}, "a": [ { "z": { "c": 1, "b": 2 }, "y": 1 } ] }""")));

    [Fact]
    public void Canonicalize_LoneSurrogate_IsEscaped() =>
        Assert.Equal("\"a\\ud800b\"", JsJson.Canonicalize(JsonValue.Create("a\ud800b")));
}
