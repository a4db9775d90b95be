using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

internal static class FlowAssert
{
    private static readonly string[] Tables = ["tasks", "run_events", "workflows", "schedules", "sensor_events"];

    /// <summary>A rejected command left no row anywhere (the database may not even have been created).</summary>
    public static void NothingWritten(TestRuntime runtime)
    {
        if (!File.Exists(runtime.DbPath))
        {
            return;
        }

        foreach (var table in Tables)
        {
            if (TestDb.Scalar(runtime.DbPath, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $t", ("$t", table)) is not null)
            {
                Assert.True(0L.Equals(TestDb.Scalar(runtime.DbPath, $"SELECT COUNT(*) FROM {table}")), $"{table} has rows");
            }
        }
    }
}
