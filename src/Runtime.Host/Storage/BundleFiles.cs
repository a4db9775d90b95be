namespace AgentRuntime.Host.Storage;

/// <summary>Where a compiled prompt bundle's files are, relative to <c>artifactDir</c> (a <c>bundles</c> row).</summary>
internal sealed record BundleFiles(string BundleId, string Sha256, string JsonPath, string PromptPath);
