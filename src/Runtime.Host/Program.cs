using System.Runtime.CompilerServices;
using AgentRuntime.Host.Cli;

// Compiled with Native AOT (the published agent-runtime), the commands that load no plugin run here
// and every other command line is handed to the managed plugin host; compiled for the JIT, all run here.
if (!RuntimeFeature.IsDynamicCodeSupported && !NativeFrontEnd.Runs(CliApp.BuildRoot(CliEnvironment.Console()), args))
{
    return NativeFrontEnd.ExecPluginHost(args, Console.Error);
}

return await CliApp.RunAsync(args).ConfigureAwait(false);
