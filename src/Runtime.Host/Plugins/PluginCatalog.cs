using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Sdk;
using McMaster.NETCore.Plugins;
using Serilog;

namespace AgentRuntime.Host.Plugins;

/// <summary>
/// Discovers <c>&lt;pluginsDir&gt;/&lt;Name&gt;/&lt;Name&gt;.dll</c>, one load context per plugin sharing only
/// the SDK. A plugin that cannot load (corrupt file, missing dependency, incompatible SDK) is
/// recorded with the reason and never stops the others.
/// </summary>
internal sealed class PluginCatalog : IDisposable
{
    private readonly List<PluginLoader> _loaders;

    private PluginCatalog(string directory, IReadOnlyList<PluginDescriptor> plugins, List<PluginLoader> loaders)
    {
        Directory = directory;
        Plugins = plugins;
        _loaders = loaders;
    }

    public string Directory { get; }

    public IReadOnlyList<PluginDescriptor> Plugins { get; }

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    public static PluginCatalog Load(PluginSettings settings, ILogger log)
    {
        var directory = settings.Directory ?? DefaultDirectory;
        var plugins = new List<PluginDescriptor>();
        var loaders = new List<PluginLoader>();
        if (!System.IO.Directory.Exists(directory))
        {
            log.Warning("Plugins directory {PluginsDirectory} does not exist; no adapters can run", directory);
            return new PluginCatalog(directory, plugins, loaders);
        }

        foreach (var folder in System.IO.Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var assemblyPath = Path.Combine(folder, name + ".dll");
            var descriptor = LoadOne(name, assemblyPath, settings.IsEnabled(name), loaders);
            if (descriptor.LoadError is not null)
            {
                log.Warning("Plugin {PluginName} at {PluginPath} was not loaded: {PluginError}", name, assemblyPath, descriptor.LoadError);
            }

            plugins.Add(descriptor);
        }

        return new PluginCatalog(directory, plugins, loaders);
    }

    /// <summary>Finds the plugin serving a kind: an enabled loaded one first, else a disabled one (so callers can say so).</summary>
    public PluginDescriptor? FindForKind(string kind, string? pluginName)
    {
        var candidates = Plugins
            .Where(p => p.Loaded && p.Kinds.Contains(kind, StringComparer.Ordinal))
            .Where(p => pluginName is null || string.Equals(p.Name, pluginName, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return candidates.FirstOrDefault(p => p.Enabled) ?? candidates.FirstOrDefault();
    }

    public void Dispose()
    {
        foreach (var loader in _loaders)
        {
            loader.Dispose();
        }
    }

    // Plugin loading is the one part of the host that needs reflection (finding and constructing the
    // factories of an assembly unknown at build time); the commands a Native AOT front end would serve
    // never reach it.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Plugin discovery: plugins are loaded at run time and are never trimmed.")]
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Plugin discovery: a factory type comes from a plugin assembly loaded at run time.")]
    private static PluginDescriptor LoadOne(string name, string assemblyPath, bool enabled, List<PluginLoader> loaders)
    {
        PluginDescriptor Failed(string error, string? version = null) => new()
        {
            Name = name, AssemblyPath = assemblyPath, Enabled = enabled, LoadError = error, Version = version,
        };

        if (!File.Exists(assemblyPath))
        {
            return Failed($"plugin folder has no {name}.dll; expected <pluginsDir>/{name}/{name}.dll");
        }

        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(assemblyPath, [typeof(IAdapterFactory)], config => config.PreferSharedTypes = true);
            loaders.Add(loader);
            var assembly = loader.LoadDefaultAssembly();
            var version = ReadVersion(assembly);
            var sdkReference = assembly.GetReferencedAssemblies().FirstOrDefault(n => n.Name == SdkContract.AssemblyName);
            if (sdkReference?.Version is null)
            {
                return Failed($"{name}.dll does not reference {SdkContract.AssemblyName}; an adapter plugin must be built against the AgentRuntime SDK", version);
            }

            if (sdkReference.Version.Major != SdkContract.Major)
            {
                return Failed(
                    $"built against SDK contract {sdkReference.Version.Major}.x but this host speaks {SdkContract.Major}.x; rebuild the plugin against {SdkContract.AssemblyName} {SdkContract.Major}.x",
                    version);
            }

            var factories = assembly.GetTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAdapterFactory).IsAssignableFrom(t))
                .Select(t => (IAdapterFactory)Activator.CreateInstance(t)!)
                .ToList();
            if (factories.Count == 0)
            {
                return Failed($"{name}.dll has no public {nameof(IAdapterFactory)} implementation", version);
            }

            var factory = factories.Count == 1 ? factories[0] : new CompositeAdapterFactory(factories);
            return new PluginDescriptor
            {
                Name = name,
                AssemblyPath = assemblyPath,
                Version = version,
                Enabled = enabled,
                Factory = factory,
                Kinds = factory.Kinds.ToList(),
            };
        }
        catch (ReflectionTypeLoadException ex)
        {
            var missing = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            return Failed($"a dependency could not be loaded: {missing}");
        }
        catch (Exception ex) when (ex is BadImageFormatException)
        {
            return Failed($"{name}.dll is not a valid .NET assembly ({ex.Message})");
        }
        catch (Exception ex) when (ex is TargetInvocationException { InnerException: not null })
        {
            return Failed($"the plugin's factory failed to start: {ex.InnerException!.GetType().Name}: {ex.InnerException.Message}");
        }
        catch (Exception ex)
        {
            return Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string? ReadVersion(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus >= 0 ? informational[..plus] : informational;
        }

        return assembly.GetName().Version?.ToString();
    }
}
