namespace AgentRuntime.Benchmarks;

/// <summary>Finds the repository (the folder holding AgentRuntime.sln) above the benchmark's build output.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AgentRuntime.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("AgentRuntime.sln not found above the benchmark's directory");
        }
    }

    public static string ReleaseHostDll => Path.Combine(Root, "src", "Runtime.Host", "bin", "Release", "net10.0", "agent-runtime.dll");
}
