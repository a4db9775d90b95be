using System.Runtime.CompilerServices;
using AgentRuntime.Host.Cli;

var environment = CliEnvironment.Console();
var root = CliApp.BuildRoot(environment);

// Compiled with Native AOT (the published agent-runtime), the tree holds only the commands that load
// no plugin; any other command line is handed to the managed plugin host. Compiled for the JIT, all run here.
if (!RuntimeFeature.IsDynamicCodeSupported && !NativeFrontEnd.Runs(root, args))
{
    return NativeFrontEnd.ExecPluginHost(args, environment.Error);
}

return await CliApp.RunAsync(root, args, environment, CancellationToken.None).ConfigureAwait(false);
