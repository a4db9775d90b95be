namespace AgentRuntime.Host.Tests.Flow;

/// <summary>Tests that load the machine heavily run in this collection, after and apart from every other test.</summary>
[CollectionDefinition(nameof(ExclusiveCollection), DisableParallelization = true)]
public sealed class ExclusiveCollection;
