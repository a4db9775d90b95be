namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>
/// The test plugin projects under <c>tests/Plugins</c>: projects of the solution (so the solution
/// build compiles them) that the host never references; tests drop their build output into a
/// plugins directory, as an operator would.
/// </summary>
public sealed class TestPlugins
{
    /// <summary>The build output of <c>tests/Plugins/&lt;project&gt;</c>, built by the solution build.</summary>
    public static string Output(string project)
    {
        var output = Repo.Path_("tests", "Plugins", project, "bin", Repo.Configuration, "net10.0");
        var dll = Path.Combine(output, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"{dll} is missing: build the solution first (dotnet build AgentRuntime.sln -c {Repo.Configuration}); " +
                "a new test plugin must be added to it (see tests/Plugins/README.md)");
        }

        return output;
    }

    /// <summary>Drops a built plugin into <c>&lt;pluginsDir&gt;/&lt;name&gt;/</c>, as an operator copies a DLL and its dependencies.</summary>
    public static void Drop(string buildOutput, string pluginsDir, string name, params string[] except)
    {
        var target = Path.Combine(pluginsDir, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(buildOutput))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.StartsWith("Runtime.Sdk.", StringComparison.Ordinal) || except.Contains(fileName))
            {
                continue;
            }

            File.Copy(file, Path.Combine(target, fileName), overwrite: true);
        }
    }

    /// <summary>Copies one of the first-party plugins laid out by the solution build.</summary>
    public static void DropFirstParty(string pluginsDir, string name) =>
        Drop(Path.Combine(Repo.HostDirectory, "plugins", name), pluginsDir, name);
}
