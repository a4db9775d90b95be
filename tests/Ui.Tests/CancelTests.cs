using AgentRuntime.Ui.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace AgentRuntime.Ui.Tests;

/// <summary>A running attempt watched and stopped from the drawer (its own runtime: run-once claims any pending task).</summary>
[Collection(nameof(BrowserCollection))]
public sealed class CancelTests(BrowserFixture browser, UiServer server) : IClassFixture<UiServer>
{
    [BrowserFact(Timeout = 180_000)]
    public async Task Drawer_RunningTask_ShowsLiveOutputGrowCancelsItAndOpensItsEvidence()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var taskId = await server.IntakeAsync("Long running job", adapter: "slow");
        using var dispatcher = server.StartRunOnce();
        var stdout = dispatcher.StandardOutput.ReadToEndAsync();
        var stderr = dispatcher.StandardError.ReadToEndAsync();
        try
        {
            var card = ui.TaskCard(taskId);
            await Expect(card).ToHaveAttributeAsync("data-status", "running", new() { Timeout = 30_000 });

            await card.ClickAsync();

            await Expect(ui.ById("drawer")).ToHaveAttributeAsync("data-status", "running");
            var live = ui.ById("live-stdout");
            await Expect(live).ToContainTextAsync("tick 3", new() { Timeout = 20_000 });
            var seen = (await live.TextContentAsync())!.Length;
            await Expect(live).ToContainTextAsync("tick 12", new() { Timeout = 20_000 });
            Assert.True((await live.TextContentAsync())!.Length > seen, "the live output did not grow");
            await Expect(ui.ById("attempt-adapter")).ToHaveTextAsync("slow");
            await Screenshots.SaveAsync(ui.Page, "drawer-live-output");

            await ui.ById("cancel-button").ClickAsync();

            await Expect(ui.ById("drawer-status")).ToContainTextAsync("cancel");
            await Expect(ui.ById("drawer")).ToHaveAttributeAsync("data-status", "operator_canceled", new() { Timeout = 30_000 });
            await Expect(card).ToHaveAttributeAsync("data-status", "operator_canceled");
            await Expect(ui.ById("cancel-button")).ToBeHiddenAsync();
            await Expect(ui.ById("attempt-status")).ToHaveTextAsync("finished");
            await Screenshots.SaveAsync(ui.Page, "drawer-canceled");

            await ui.Page.Locator("[data-testid='attempt-files'] [data-file='stdout']").ClickAsync();
            await Expect(ui.ById("artifact-content")).ToContainTextAsync("tick 1");
            await ui.Page.Locator("[data-testid='attempt-files'] [data-file='prompt']").ClickAsync();
            await Expect(ui.ById("artifact-content")).ToContainTextAsync("Task subject: Long running job");

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await dispatcher.WaitForExitAsync(exit.Token);
            Assert.True(dispatcher.ExitCode == 0, $"run-once exit {dispatcher.ExitCode}\n{await stdout}\n{await stderr}");
            Assert.Equal("operator_canceled", server.Runtime.Task(taskId)["status"]);
            await ui.AssertNoReloadAndNoErrorsAsync();
        }
        finally
        {
            if (!dispatcher.HasExited)
            {
                dispatcher.Kill(entireProcessTree: true);
            }
        }
    }
}
