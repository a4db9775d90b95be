using System.Collections.Concurrent;
using AgentRuntime.Sdk;

namespace AgentRuntime.Plugins.Tests.TestSupport;

/// <summary>A hand-written sink that keeps every chunk and can signal when a given line arrives.</summary>
internal sealed class RecordingSink : IExecutionSink
{
    private readonly ConcurrentQueue<(OutputChannel Channel, string Text)> _chunks = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(OutputChannel Channel, string Text)> Chunks => [.. _chunks];

    /// <summary>Completes when a stdout line reads <c>started</c> (the fake agent's "I am running" signal).</summary>
    public Task Started => _started.Task;

    public void Write(OutputChannel channel, string text)
    {
        _chunks.Enqueue((channel, text));
        if (channel == OutputChannel.Stdout && text == "started")
        {
            _started.TrySetResult();
        }
    }

    public IEnumerable<string> Lines(OutputChannel channel) => Chunks.Where(c => c.Channel == channel).Select(c => c.Text);
}
