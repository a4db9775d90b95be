using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Tests.Json;

public sealed class JsJsonTests
{
    [Fact]
    public void Serialize_Pretty_MatchesJsonStringifyTwoSpaces()
    {
        var node = JsonNode.Parse("""{"a":1,"b":[],"c":{},"d":[1,{"e":"x"}],"f":null,"g":true}""");
        Assert.Equal("{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": {},\n  \"d\": [\n    1,\n    {\n      \"e\": \"x\"\n    }\n  ],\n  \"f\": null,\n  \"g\": true\n}", JsJson.Serialize(node, pretty: true));
    }

    [Fact]
    public void Serialize_Compact_HasNoWhitespace()
    {
        var node = JsonNode.Parse("""{ "a" : [ 1, { "b" : null } ], "c" : {} , "d": [] }""");
        Assert.Equal("""{"a":[1,{"b":null}],"c":{},"d":[]}""", JsJson.Serialize(node));
    }

    [Fact]
    public void Canonicalize_SortsKeysByUtf16CodeUnits()
    {
        var node = JsonNode.Parse("""{ "b": 1, "a": { "z": true, "\u20ac": 2, "\r": 3, "1": 4, "\ud83d\ude00": 5, "\u0080": 6, "\u00f6": 7, "\ufb33": 8 } }""");
        Assert.Equal("{\"a\":{\"\\r\":3,\"1\":4,\"z\":true,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":2,\"\ud83d\ude00\":5,\"\ufb33\":8},\"b\":1}", JsJson.Canonicalize(node));
    }

    [Fact]
    public void Serialize_Compact_HasNoWhitespaceAtAnyDepth()
    {
        var node = JsonNode.Parse("""{ "a": 1, "b": [ 1, { "c": [] } ], "d": {} }""");
        Assert.Equal("""{"a":1,"b":[1,{"c":[]}],"d":{}}""", JsJson.Serialize(node));
        Assert.Equal("""[{"a":1},2]""", JsJson.Serialize(JsonNode.Parse("[ {\"a\": 1}, 2 ]")));
        Assert.Equal("""{"a":1,"b":[1,{"c":[]}],"d":{}}""", JsJson.Canonicalize(JsonNode.Parse("""{ "d": {}, "b": [ 1, { "c": [] } ], "a": 1 }""")));
    }

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("123456789012345680000", "123456789012345680000")]
    [InlineData("4.5e-10", "4.5e-10")]
    [InlineData("1.5e300", "1.5e+300")]
    [InlineData("0.1", "0.1")]
    public void FormatNumber_FollowsEcmaScript(string json, string expected) =>
        Assert.Equal(expected, JsJson.Serialize(JsonNode.Parse(json)));

    [Fact]
    public void Serialize_Strings_EscapeLikeJavaScript()
    {
        var text = "q\" b\\ n\n t\t c\u0001 é 😀 </script>";
        Assert.Equal("\"q\\\" b\\\\ n\\n t\\t c\\u0001 é 😀 </script>\"", JsJson.Serialize(JsonValue.Create(text)));
    }
}
