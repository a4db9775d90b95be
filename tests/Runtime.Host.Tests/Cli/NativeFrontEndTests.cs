using System.CommandLine;
using AgentRuntime.Host.Cli;

namespace AgentRuntime.Host.Tests.Cli;

/// <summary>Which command lines the native front end keeps: the command word, past <c>--config</c>, names one of its commands.</summary>
public sealed class NativeFrontEndTests
{
    private static readonly RootCommand FrontEndRoot = new() { Subcommands = { new Command("status"), new Command("intake") } };

    [Theory]
    [InlineData("status")]
    [InlineData("intake", "--json", "{}")]
    [InlineData("status", "--help")]
    [InlineData("--config", "config/local.json", "status")]
    [InlineData("--config=config/local.json", "status")]
    [InlineData("--config:config/local.json", "intake")]
    public void Runs_CommandWordOfItsOwn_IsKept(params string[] args) =>
        Assert.True(NativeFrontEnd.Runs(FrontEndRoot, args));

    [Theory]
    [InlineData]
    [InlineData("run-once")]
    [InlineData("serve", "--no-web")]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("@arguments.rsp")]
    [InlineData("--config", "status")]
    [InlineData("--verbose", "status")]
    [InlineData("Status")]
    public void Runs_AnythingElse_IsHandedToThePluginHost(params string[] args) =>
        Assert.False(NativeFrontEnd.Runs(FrontEndRoot, args));

    [Fact]
    public void ExecPluginHost_NoHostBesideTheProcess_Exits1NamingTheMissingHost()
    {
        using var error = new StringWriter();

        var exit = NativeFrontEnd.ExecPluginHost(["run-once"], error);

        Assert.Equal(1, exit);
        Assert.Contains($"the plugin host {Path.Combine(AppContext.BaseDirectory, NativeFrontEnd.HostFileName)} is missing", error.ToString(), StringComparison.Ordinal);
    }
}
