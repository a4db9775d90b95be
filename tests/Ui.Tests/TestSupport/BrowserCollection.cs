namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>The browser tests share one chromium and run one at a time (two cores; each also runs a server and CLIs).</summary>
[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
