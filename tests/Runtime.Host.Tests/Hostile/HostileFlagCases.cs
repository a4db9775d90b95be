namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>Hostile command lines: bad ids, states, dates and files, missing or unknown flags, for every command.</summary>
internal sealed class HostileFlagCases(Random random, HostileContext context)
{
    private static readonly string[] Commands =
        ["intake", "run-once", "serve", "web", "status", "adapters", "plugins", "healthcheck", "pause", "resume", "cancel", "schedule-create", "schedule-tick",
         "sensor-event", "bridge-github", "bridge-discord", "workflow-list", "workflow-show", "workflow-create", "workflow-transition", "workflow-complete",
         "snapshot", "report", "seed-backlog"];

    private static readonly string[] BadIds = ["abc", "-1", "0", "1.5", "99999", "", " 1", "1e3", "0x10", "9223372036854775808", "1; DROP TABLE workflows"];

    private static readonly string[] BadDates = ["garbage", "2026-13-45", "yesterday", "2026-02-30T00:00:00Z", "+275760-09-13T00:00:00Z", "\ud800"];

    private static readonly string[] BadContexts = ["[1]", "\"x\"", "{", "{\"a\":1,\"a\":2}", "{\"a\":\"\\ud800\"}", "", "7", "null", "{\"a\":1}x"];

    private static readonly string[] FileCommands = ["intake", "sensor-event", "schedule-create", "bridge-github", "bridge-discord", "seed-backlog"];

    private static readonly string[] BadFiles = ["", "missing.json", ".", "inputs", "a\0b.json", "state/runtime.db"];

    private int _sequence;

    /// <summary>Arguments with which <paramref name="command"/> would run on a valid config (the config cases then break only the config).</summary>
    public static string[] ValidArgs(string command) => command switch
    {
        "intake" => ["intake", "--json", """{"kind":"k","source":"s","payload":{}}"""],
        "sensor-event" => ["sensor-event", "--json", """{"sensor_id":"s","event_id":"config-case","source_ref":"r","dedupe_key":"config-case","payload":{}}"""],
        "schedule-create" => ["schedule-create", "--json", """{"name":"config-case","interval_seconds":60,"task":{"kind":"k","payload":{}}}"""],
        "bridge-github" => ["bridge-github", "--file", "inputs/github.json"],
        "bridge-discord" => ["bridge-discord", "--file", "inputs/discord.json"],
        "seed-backlog" => ["seed-backlog", "--file", "inputs/backlog.json"],
        "report" => ["report", "--before", "inputs/snapshot.json", "--after", "inputs/snapshot.json"],
        "cancel" => ["cancel", "--task", "config-case"],
        "workflow-show" => ["workflow-show", "--id", "1"],
        "workflow-create" => ["workflow-create", "--template", "goal-loop", "--instance_key", "config-case"],
        "workflow-transition" => ["workflow-transition", "--id", "1", "--state", "execute"],
        "workflow-complete" => ["workflow-complete", "--id", "1"],
        "serve" => ["serve", "--no-web", "--port", "0"],
        "web" => ["web", "--port", "0"],
        _ => [command],
    };

    public HostileCase Next()
    {
        _sequence++;
        return random.Next(13) switch
        {
            0 => Case("workflow-show", "bad id", ["workflow-show", "--id", Pick(BadIds)]),
            1 => Case("workflow-show", "unknown key", random.Next(2) == 0 ? ["workflow-show", "--instance_key", $"missing-{_sequence}"] : ["workflow-show"]),
            2 => random.Next(3) switch
            {
                0 => Case("workflow-transition", "bad id", ["workflow-transition", "--id", Pick(BadIds), "--state", "execute"]),
                1 => Case("workflow-transition", "state not allowed", ["workflow-transition", "--id", "1", "--state", Pick(["nowhere", "plan", "verify", "complete", "PLAN", ""])]),
                _ => Case("workflow-transition", "completed workflow", ["workflow-transition", "--id", $"{HostileContext.CompletedWorkflowId}", "--state", "execute"]),
            },
            3 => Case("workflow-transition", "bad context", ["workflow-transition", "--id", "1", "--state", "execute", "--context", Pick(BadContexts)]),
            4 => Case("workflow-complete", "bad id", random.Next(5) == 0 ? ["workflow-complete"] : ["workflow-complete", "--id", Pick(BadIds)]),
            5 => random.Next(4) switch
            {
                0 => Case("workflow-create", "unknown template", ["workflow-create", "--template", Pick(["nope", "", "GOAL-LOOP", "goal-loop "]), "--instance_key", $"k-{_sequence}"]),
                1 => Case("workflow-create", "unknown state", ["workflow-create", "--template", "goal-loop", "--instance_key", $"k-{_sequence}", "--state", Pick(["nowhere", "Plan", " plan"])]),
                2 => Case("workflow-create", "empty key", ["workflow-create", "--template", "goal-loop", "--instance_key", ""]),
                _ => Case("workflow-create", "bad context", ["workflow-create", "--template", "goal-loop", "--instance_key", $"k-{_sequence}", "--context", Pick(BadContexts)]),
            },
            6 => Case("cancel", "unknown or ended task", random.Next(6) == 0 ? ["cancel"] : ["cancel", "--task", Pick(["nope", "", Guid.NewGuid().ToString(), context.EndedTaskId])]),
            7 => Case("schedule-tick", "bad date", ["schedule-tick", "--at", Pick(BadDates)]),
            8 => Case("report", "missing input", Pick<string[]>([["report"], ["report", "--before", "inputs/snapshot.json"], ["report", "--before", "missing.json", "--after", "inputs/snapshot.json"], ["report", "--before", "inputs/snapshot.json", "--after", "."]])),
            9 => FileCase(),
            10 => Case("usage", "unknown flag", [Pick(Commands), $"--bogus-{_sequence % 7}"]),
            11 => Case("usage", "flag without its value", Pick<string[]>([["intake", "--json"], ["workflow-show", "--id"], ["pause", "--reason"], ["snapshot", "--label"], ["cancel", "--task"], ["schedule-tick", "--at"], ["report", "--before"]])),
            _ => Case("usage", "unknown command or argument", Pick<string[]>([["no-such-command"], ["intake", "stray"], ["status", "extra"], ["", "status"]])),
        };
    }

    private HostileCase FileCase()
    {
        var command = Pick(FileCommands);
        return random.Next(5) == 0
            ? Case(command, "no input", [command])
            : Case(command, "unusable file", [command, "--file", Pick(BadFiles)]);
    }

    private static HostileCase Case(string target, string mutation, string[] args) => new(target, mutation) { Args = args };

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
