namespace AgentRuntime.Plugins.Tests.FakeServers;

/// <summary>One request a fake server received, kept so tests (and whoever studies a CLI) can see what it calls.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Body);
