namespace AgentRuntime.Plugins.Shared;

/// <summary>The "adapter env" of spec §6.2/§6.7: the <c>envFile</c> overlaid with the <c>env</c> map.</summary>
internal static class AdapterEnvironment
{
    public static OrderedDictionary<string, string> Load(AdapterSettings settings)
    {
        var env = EnvFile.Read(settings.GetString("envFile"));
        foreach (var (key, value) in settings.GetStringMap("env"))
        {
            env[key] = value;
        }

        return env;
    }
}
