using AgentRuntime.Plugins.Shared;

namespace AgentRuntime.Plugins.Tests.Runner;

public sealed class EnvFileTests
{
    [Fact]
    public void Parse_ReferenceSyntax_FollowsSpecRules()
    {
        var map = EnvFile.Parse(
            "# comment\r\n\r\nexport  A = 1 \nB=\"two words\"\nC='x'\nD=\"unbalanced\nE=a=b\n=nokey\nnoequals\nF=# not a comment\nA=overwritten\nG=\"\n");

        Assert.Equal(["A", "B", "C", "D", "E", "F", "G"], map.Keys);
        Assert.Equal("overwritten", map["A"]);
        Assert.Equal("two words", map["B"]);
        Assert.Equal("x", map["C"]);
        Assert.Equal("\"unbalanced", map["D"]);
        Assert.Equal("a=b", map["E"]);
        Assert.Equal("# not a comment", map["F"]);
        Assert.Equal("", map["G"]);
    }

    [Fact]
    public void Read_MissingFile_IsEmpty()
    {
        Assert.Empty(EnvFile.Read(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.env")));
        Assert.Empty(EnvFile.Read(null));
    }
}
