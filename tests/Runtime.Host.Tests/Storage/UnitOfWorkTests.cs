using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class UnitOfWorkTests
{
    [Fact(Timeout = 60_000)]
    public async Task FireIfDue_StepThrows_RollsBackItsTaskAndLeavesTheScheduleDue()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var schedules = new ScheduleStore(harness.Store, harness.Time);
        var schedule = schedules.Upsert(new ScheduleInput { Name = "nightly", IntervalSeconds = 60, Task = new JsonObject { ["kind"] = "probe" }, Enabled = true });

        Assert.Throws<InvalidOperationException>(() => schedules.FireIfDue<string>(schedule.ScheduleId, StoreHarness.Start, _ =>
        {
            harness.Store.Enqueue(TaskInputValidator.Validate(StoreHarness.Input(), harness.Store.Options, StoreHarness.Start));
            throw new InvalidOperationException("step failed");
        }));

        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM tasks"));
        var after = schedules.GetById(schedule.ScheduleId)!;
        Assert.Equal("2026-05-01T10:00:00.000Z", IsoTime.ToIso(after.NextRunAt));
        Assert.Null(after.LastRunAt);
    }

    [Fact(Timeout = 60_000)]
    public async Task FireIfDue_DueSchedule_RunsTheStepAndAdvancesOneInterval()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var schedules = new ScheduleStore(harness.Store, harness.Time);
        var schedule = schedules.Upsert(new ScheduleInput { Name = "nightly", IntervalSeconds = 60, Task = new JsonObject { ["kind"] = "probe" }, Enabled = true });

        var (fired, result) = schedules.FireIfDue(schedule.ScheduleId, StoreHarness.Start, s => s.Name);
        var (again, _) = schedules.FireIfDue(schedule.ScheduleId, StoreHarness.Start, s => s.Name);

        Assert.Equal((true, "nightly"), (fired, result));
        Assert.False(again);
        Assert.Equal("2026-05-01T10:01:00.000Z", IsoTime.ToIso(schedules.GetById(schedule.ScheduleId)!.NextRunAt));
    }

    [Fact(Timeout = 60_000)]
    public async Task Seed_ExistingInstanceKey_ReturnsItUncreatedAndQueuesTheTasks()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var workflows = new WorkflowStore(harness.Store, harness.Time);
        var first = workflows.CreateIfNew(new NewWorkflow("goal-loop", "goal:1", "plan", null));

        var seed = workflows.Seed(
            [new NewWorkflow("goal-loop", "goal:1", "plan", null), new NewWorkflow("goal-loop", "goal:2", "plan", "{}")],
            [TaskInputValidator.Validate(StoreHarness.Input(), harness.Store.Options, StoreHarness.Start)]);

        Assert.True(first.Created);
        Assert.Equal([false, true], seed.Workflows.Select(w => w.Created));
        Assert.Equal(first.Workflow.Id, seed.Workflows[0].Workflow.Id);
        Assert.Single(seed.Tasks);
        Assert.Equal(2, harness.Count("SELECT COUNT(*) FROM workflows"));
    }
}
