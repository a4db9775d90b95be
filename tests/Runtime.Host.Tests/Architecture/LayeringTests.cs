using AgentRuntime.Host.Composition;
using NetArchTest.Rules;

namespace AgentRuntime.Host.Tests.Architecture;

/// <summary>
/// The layering rules of CONTRIBUTING.md, checked on the built host: the core (everything but the
/// CLI and web surfaces) names no CLI, web or ASP.NET Core type, and only storage names a SQLite type.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "AgentRuntime.Host";
    private const string Cli = "AgentRuntime.Host.Cli";
    private const string Web = "AgentRuntime.Host.Web";
    private const string AspNetCore = "Microsoft.AspNetCore";
    private const string Storage = "AgentRuntime.Host.Storage";
    private const string Sqlite = "Microsoft.Data.Sqlite";

    [Fact]
    public void Core_ReferencesNoCliType()
    {
        var result = Types.InAssembly(typeof(RuntimeCore).Assembly)
            .That().ResideInNamespace(Root)
            .And().DoNotResideInNamespace(Cli)
            .ShouldNot().HaveDependencyOn(Cli)
            .GetResult();

        Assert.True(result.IsSuccessful, "core types that reference the CLI: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Core_ReferencesNoWebOrAspNetCoreType()
    {
        var result = Types.InAssembly(typeof(RuntimeCore).Assembly)
            .That().ResideInNamespace(Root)
            .And().DoNotResideInNamespace(Cli)
            .And().DoNotResideInNamespace(Web)
            .ShouldNot().HaveDependencyOnAny(Web, AspNetCore)
            .GetResult();

        var offenders = (result.FailingTypeNames ?? []).Select(TopLevel).Distinct().Order(StringComparer.Ordinal);
        Assert.True(result.IsSuccessful, "core types that reference the web surface or ASP.NET Core: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Web_RuleSeesAspNetCore()
    {
        Assert.NotEmpty(Types.InAssembly(typeof(RuntimeCore).Assembly).That().ResideInNamespace(Web).And().HaveDependencyOn(AspNetCore).GetTypes());
    }

    [Fact]
    public void Entry_ReferencesTheCli()
    {
        // Guards the rule above against passing vacuously (a renamed namespace, a rule that sees nothing).
        var result = Types.InAssembly(typeof(RuntimeCore).Assembly)
            .That().HaveName("Program")
            .Should().HaveDependencyOn(Cli)
            .GetResult();

        Assert.True(result.IsSuccessful);
    }

    [Fact]
    public void CoreOutsideStorage_ReferencesNoSqliteType()
    {
        var result = Types.InAssembly(typeof(RuntimeCore).Assembly)
            .That().ResideInNamespace(Root)
            .And().DoNotResideInNamespace(Storage)
            .ShouldNot().HaveDependencyOn(Sqlite)
            .GetResult();

        var offenders = (result.FailingTypeNames ?? []).Select(TopLevel).Distinct().Order(StringComparer.Ordinal);
        Assert.True(result.IsSuccessful, "types outside storage that reference Microsoft.Data.Sqlite: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Storage_RuleSeesSqlite()
    {
        Assert.NotEmpty(Types.InAssembly(typeof(RuntimeCore).Assembly).That().ResideInNamespace(Storage).And().HaveDependencyOn(Sqlite).GetTypes());
    }

    // Nested and compiler-generated types (closures, state machines) count as their outer type.
    private static string TopLevel(string fullName) => fullName.Split('/', '+')[0];
}
