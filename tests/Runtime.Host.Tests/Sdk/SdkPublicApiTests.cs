using System.Reflection;
using System.Text;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Tests.Sdk;

/// <summary>
/// Tracks the SDK's public surface: any change shows as a text diff against
/// <c>PublicApi/Runtime.Sdk.approved.txt</c>. After an intended change, copy the
/// <c>.received.txt</c> file written next to it over the approved one (and bump
/// <see cref="SdkContract.Major"/> for breaking changes).
/// </summary>
public sealed class SdkPublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedSurface()
    {
        var approvedPath = Repo.Path_("tests", "Runtime.Host.Tests", "PublicApi", "Runtime.Sdk.approved.txt");
        var actual = Describe(typeof(IAdapter).Assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (actual != approved)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt", actual);
        }

        Assert.Equal(approved, actual);
    }

    [Fact]
    public void Sdk_DependsOnTheBaseClassLibraryOnly()
    {
        var references = typeof(IAdapter).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal), $"unexpected SDK dependency {name}"));
    }

    [Fact]
    public void SdkAssemblyVersion_MatchesContractVersion()
    {
        var version = typeof(IAdapter).Assembly.GetName().Version!;
        Assert.Equal(SdkContract.Major, version.Major);
        Assert.Equal(SdkContract.Minor, version.Minor);
    }

    internal static string Describe(Assembly assembly)
    {
        var builder = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            builder.Append(Kind(type)).Append(' ').Append(type.FullName);
            var bases = new List<string>();
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                bases.Add(Name(baseType));
            }

            bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
            if (bases.Count > 0)
            {
                builder.Append(" : ").Append(string.Join(", ", bases));
            }

            builder.Append('\n');
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         .Select(Member).Where(m => m is not null).Order(StringComparer.Ordinal))
            {
                builder.Append("  ").Append(member).Append('\n');
            }
        }

        return builder.ToString();
    }

    private static string Kind(Type type) => type switch
    {
        { IsInterface: true } => "interface",
        { IsEnum: true } => "enum",
        { IsValueType: true } => "struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        _ => "class",
    };

    private static string? Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo { IsSpecialName: true } => null,
        MethodInfo m when m.Name is "<Clone>$" => null,
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? (IsInit(p) ? "init; " : "set; ") : "")}}}",
        FieldInfo { IsSpecialName: true } => null,
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? " = " + f.GetRawConstantValue() : "")}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static bool IsInit(PropertyInfo property) =>
        property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type type) =>
        type.IsGenericType
            ? $"{type.Namespace}.{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
            : type.FullName ?? type.Name;
}
