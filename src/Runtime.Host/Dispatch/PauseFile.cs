using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Configuration;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Dispatch;

/// <summary><c>&lt;stateDir&gt;/dispatch.paused.json</c>: paused dispatchers claim nothing. Unreadable means paused (fail-safe).</summary>
internal sealed class PauseFile(string stateDir, TimeProvider time)
{
    public string Path { get; } = System.IO.Path.Combine(stateDir, "dispatch.paused.json");

    public PauseState Read()
    {
        if (!File.Exists(Path))
        {
            return new PauseState(false, null, null);
        }

        try
        {
            if (JsJson.ParseStored(File.ReadAllText(Path)) is not JsonObject obj)
            {
                return new PauseState(true, "pause file unreadable", null);
            }

            var reason = obj.GetString("reason");
            return new PauseState(
                obj.GetBool("paused") == true,
                string.IsNullOrWhiteSpace(reason) ? null : reason,
                obj.GetString("updated_at"));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return new PauseState(true, "pause file unreadable", null);
        }
    }

    public PauseState Pause(string? reason)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var now = IsoTime.Now(time);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var document = new JsonObject { ["paused"] = true, ["reason"] = trimmed, ["updated_at"] = now };
        File.WriteAllText(Path, JsJson.Serialize(document, pretty: true) + "\n");
        return new PauseState(true, trimmed, now);
    }

    public PauseState Resume()
    {
        File.Delete(Path);
        return new PauseState(false, null, IsoTime.Now(time));
    }
}
