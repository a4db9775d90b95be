using System.Text;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>
/// Makes hostile inputs, reproducibly from a seed: a valid input with one defect, for every CLI
/// command (JSON inputs, flags and files), the config and profile files, and every POST route of
/// the web API. Every case must be refused (non-zero exit or 4xx) without changing the state.
/// </summary>
internal sealed class HostileGenerator(Random random, HostileContext context)
{
    /// <summary>Every CLI command; <see cref="HarnessCoverageTests"/> fails when the CLI has one this lacks.</summary>
    internal static readonly string[] AllCommands =
        ["intake", "run-once", "serve", "web", "status", "adapters", "plugins", "healthcheck", "pause", "resume", "cancel", "schedule-create", "schedule-tick",
         "sensor-event", "bridge-github", "bridge-discord", "workflow-list", "workflow-show", "workflow-create", "workflow-transition", "workflow-complete",
         "snapshot", "report", "seed-backlog"];

    /// <summary>Every POST route of the web API, as mapped; <see cref="HarnessCoverageTests"/> fails when the API has one this lacks.</summary>
    internal static readonly string[] PostRoutes = ["/api/schedules", "/api/sensors/events", "/api/tasks/queue", "/api/pause", "/api/schedules/tick", "/api/tasks/{id}/cancel"];

    private readonly Mutator _mutator = new(random);
    private readonly HostileSeed _config = ConfigSeeds.Config(context.Config);
    private readonly HostileSeed _profile = ConfigSeeds.Profile(context.Profile);
    private readonly HostileSeed _report = new("report", context.Snapshot, []) { RefusesWrongFields = false };
    private readonly HostileFlagCases _flags = new(random, context);
    private int _sequence;

    public IEnumerable<HostileCase> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _sequence = i;
            var roll = random.Next(100);
            yield return roll switch
            {
                < 45 => JsonCommand(),
                < 57 => _flags.Next(),
                < 75 => ConfigCase(),
                < 82 => ProfileCase(),
                _ => WebCase(),
            };
        }
    }

    private HostileCase JsonCommand()
    {
        var (command, seed) = random.Next(7) switch
        {
            0 => ("intake", HostileSeeds.Intake),
            1 => ("sensor-event", HostileSeeds.SensorEvent),
            2 => ("schedule-create", HostileSeeds.Schedule),
            3 => ("bridge-github", HostileSeeds.GitHub),
            4 => ("bridge-discord", HostileSeeds.Discord),
            5 => ("seed-backlog", HostileSeeds.Backlog),
            _ => ("report", _report),
        };
        var byFlag = command is "intake" or "sensor-event" or "schedule-create" && random.Next(2) == 0;
        var mutation = _mutator.Pick(seed, bytesChannel: !byFlag);
        if (byFlag)
        {
            var (detail, text) = _mutator.Text(seed, mutation, 300 * 1024);
            return new HostileCase(command, $"{mutation}: {detail}") { Args = [command, "--json", text] };
        }

        var (fileDetail, bytes) = _mutator.Bytes(seed, mutation, 300 * 1024);
        var file = $"inputs/case-{_sequence}.json";
        string[] args = command == "report"
            ? random.Next(2) == 0 ? ["report", "--before", file, "--after", "inputs/snapshot.json"] : ["report", "--before", "inputs/snapshot.json", "--after", file]
            : [command, "--file", file];
        return new HostileCase(command, $"{mutation}: {fileDetail}")
        {
            Args = args,
            Files = [(file, bytes)],
            MustRefuse = seed.RefusesWrongFields || mutation != "wrong-field",
        };
    }

    private HostileCase ConfigCase()
    {
        string mutation;
        do
        {
            mutation = _mutator.Pick(_config, bytesChannel: true);
        }
        while (mutation == "oversize");

        var (detail, bytes) = _mutator.Bytes(_config, mutation, 0);
        var command = AllCommands[random.Next(AllCommands.Length)];
        return new HostileCase($"config/{command}", $"{mutation}: {detail}")
        {
            Args = [.. HostileFlagCases.ValidArgs(command)],
            ConfigPath = "config/hostile.json",
            Files = [("config/hostile.json", bytes)],
        };
    }

    private HostileCase ProfileCase()
    {
        if (random.Next(10) == 0)
        {
            // The profile path itself: a directory or a symlink loop where a file should be.
            var (what, path) = random.Next(2) == 0 ? ("a directory", "profiles/hostile-dir") : ("a symlink loop", "profiles/hostile-loop.json");
            return new HostileCase("profile/healthcheck", $"profile path is {what}")
            {
                Args = ["healthcheck"],
                ConfigPath = $"config/profile-{Path.GetFileNameWithoutExtension(path)}.json",
                ReportsOnStdout = true,
            };
        }

        string mutation;
        do
        {
            mutation = _mutator.Pick(_profile, bytesChannel: true);
        }
        while (mutation == "oversize");

        var (detail, bytes) = _mutator.Bytes(_profile, mutation, 0);
        return new HostileCase("profile/healthcheck", $"{mutation}: {detail}")
        {
            Args = ["healthcheck"],
            ConfigPath = HostileContext.ProfileConfigPath,
            Files = [(HostileContext.HostileProfilePath, bytes)],
            ReportsOnStdout = true,
        };
    }

    private HostileCase WebCase()
    {
        var template = PostRoutes[random.Next(PostRoutes.Length)];
        var seed = template switch
        {
            "/api/schedules" => HostileSeeds.Schedule,
            "/api/sensors/events" => HostileSeeds.SensorEvent,
            "/api/tasks/queue" => HostileSeeds.Queue,
            "/api/pause" => HostileSeeds.Pause,
            "/api/schedules/tick" => HostileSeeds.Tick,
            "/api/tasks/{id}/cancel" => HostileSeeds.Cancel,
            _ => throw new InvalidOperationException($"no seed for POST {template}"),
        };
        var route = template.Replace("{id}", random.Next(2) == 0 ? context.EndedTaskId : "no-such-task-" + _sequence, StringComparison.Ordinal);
        var mutation = _mutator.Pick(seed, bytesChannel: true);
        var size = random.Next(2) == 0 ? 300 * 1024 : (1024 * 1024) + 10;
        var (detail, bytes) = _mutator.Bytes(seed, mutation, size);
        return new HostileCase($"POST {seed.Name}", $"{mutation}: {detail}") { Route = route, Body = bytes };
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/> (test files).</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
