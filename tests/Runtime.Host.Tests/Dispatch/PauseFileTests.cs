using AgentRuntime.Host.Dispatch;
using AgentRuntime.Host.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class PauseFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-04-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_NoFile_IsNotPaused() =>
        Assert.Equal(new PauseState(false, null, null), new PauseFile(_dir.Path, _time).Read());

    [Fact]
    public void Pause_WritesReferenceFormat_AndReadBack()
    {
        var pause = new PauseFile(_dir.Path, _time);
        Assert.Equal(new PauseState(true, "maintenance", "2026-04-29T10:00:00.000Z"), pause.Pause("  maintenance "));
        Assert.Equal("{\n  \"paused\": true,\n  \"reason\": \"maintenance\",\n  \"updated_at\": \"2026-04-29T10:00:00.000Z\"\n}\n", File.ReadAllText(pause.Path));
        Assert.Equal(new PauseState(true, "maintenance", "2026-04-29T10:00:00.000Z"), pause.Read());
        Assert.False(pause.Resume().Paused);
        Assert.False(File.Exists(pause.Path));
    }

    [Fact]
    public void Read_Unparseable_IsPausedFailSafe()
    {
        var pause = new PauseFile(_dir.Path, _time);
        _dir.Write("dispatch.paused.json", "{ nope");
        Assert.Equal(new PauseState(true, "pause file unreadable", null), pause.Read());
    }
}
