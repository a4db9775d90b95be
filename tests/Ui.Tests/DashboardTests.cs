using AgentRuntime.Ui.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace AgentRuntime.Ui.Tests;

/// <summary>The operator UI in Debian's chromium against the real web server, without reloading the page.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class DashboardTests(BrowserFixture browser, UiServer server) : IClassFixture<UiServer>
{
    [BrowserFact(Timeout = 120_000)]
    public async Task Dashboard_TaskQueuedThroughCli_AppearsWithoutReload()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        await Expect(ui.ById("connection")).ToHaveAttributeAsync("data-state", "connected");
        var subject = $"Queued from the CLI {Guid.NewGuid():N}";

        var taskId = await server.IntakeAsync(subject);

        var card = ui.TaskCard(taskId);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync(subject);
        await Expect(card).ToHaveAttributeAsync("data-status", "pending");
        await Expect(ui.ById("now-list").Locator($"[data-task-id='{taskId}']")).ToHaveCountAsync(1);
        await Expect(ui.ById("events-list")).ToContainTextAsync("task_enqueued");
        await Screenshots.SaveAsync(ui.Page, "dashboard-task-queued");
        await ui.AssertNoReloadAndNoErrorsAsync();
    }


    [BrowserFact(Timeout = 120_000)]
    public async Task Stream_Connected_DoesNotPollTheApi()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        await Expect(ui.ById("connection")).ToHaveAttributeAsync("data-state", "connected");
        // Let the catch-up reads that follow the stream's first frame finish.
        await ui.Page.WaitForTimeoutAsync(1500);
        var reads = new List<string>();
        ui.Page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path is "/api/state" or "/api/tasks" or "/api/events" or "/api/workflows")
            {
                lock (reads)
                {
                    reads.Add(path);
                }
            }
        };

        // Longer than two polling periods (3 s): a page that polled beside the stream would have read by now.
        await ui.Page.WaitForTimeoutAsync(7000);

        lock (reads)
        {
            Assert.True(reads.Count == 0, "polled while the stream was connected: " + string.Join(", ", reads));
        }

        await Expect(ui.ById("connection")).ToHaveAttributeAsync("data-state", "connected");
        await ui.AssertNoReloadAndNoErrorsAsync();
    }


    [BrowserFact(Timeout = 120_000)]
    public async Task Layout_PhoneWidth_FitsWithoutSidewaysScrolling()
    {
        await using var ui = await server.OpenAsync(browser.Browser, width: 360, height: 740);
        await server.IntakeAsync($"A task on a phone with a rather long subject line {Guid.NewGuid():N}");
        await Expect(ui.Page.Locator("[data-testid='task-card']").First).ToBeVisibleAsync();

        var overflow = await ui.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a 360px screen");
        await Screenshots.SaveAsync(ui.Page, "phone-360", fullPage: true);
        await ui.AssertNoReloadAndNoErrorsAsync();
    }
}
