using AgentRuntime.Ui.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace AgentRuntime.Ui.Tests;

/// <summary>Finding a task: filter tabs, the search box, the keyboard.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class NavigationTests(BrowserFixture browser, UiServer server) : IClassFixture<UiServer>
{
    [BrowserFact(Timeout = 120_000)]
    public async Task Filters_TabsAndSearch_ShowOnlyMatchingTasks()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var word = Guid.NewGuid().ToString("N")[..10];
        var queued = await server.IntakeAsync($"Filter {word} waiting");
        var canceled = await server.IntakeAsync($"Filter {word} stopped");
        var cancel = await server.Api.PostAsync(new Uri($"/api/tasks/{canceled}/cancel", UriKind.Relative), new StringContent("{}"));
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        await Expect(ui.TaskCard(canceled)).ToHaveAttributeAsync("data-status", "operator_canceled");
        await Expect(ui.TaskCard(queued)).ToBeVisibleAsync();

        await ui.Page.Keyboard.PressAsync("/");
        await Expect(ui.ById("search-input")).ToBeFocusedAsync();
        await ui.ById("tab-queued").ClickAsync();

        await Expect(ui.TaskCard(queued)).ToBeVisibleAsync();
        await Expect(ui.TaskCard(canceled)).ToHaveCountAsync(0);
        await Expect(ui.ById("tab-queued")).ToHaveAttributeAsync("aria-selected", "true");

        await ui.ById("tab-done").ClickAsync();

        await Expect(ui.TaskCard(canceled)).ToBeVisibleAsync();
        await Expect(ui.TaskCard(queued)).ToHaveCountAsync(0);

        await ui.ById("tab-all").ClickAsync();
        await ui.ById("search-input").FillAsync($"{word} waiting");

        await Expect(ui.TaskCard(queued)).ToBeVisibleAsync();
        await Expect(ui.TaskCard(canceled)).ToHaveCountAsync(0);
        await Expect(ui.Page.Locator("[data-testid='task-card']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(ui.Page, "dashboard-filtered");

        await ui.ById("search-input").FillAsync("no task has this text " + word);

        await Expect(ui.ById("now-empty")).ToHaveTextAsync("No matching tasks");
        await ui.AssertNoReloadAndNoErrorsAsync();
    }


    [BrowserFact(Timeout = 120_000)]
    public async Task Keyboard_CardAndDrawer_OpenWithEnterAndCloseWithEscape()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var taskId = await server.IntakeAsync($"Keyboard {Guid.NewGuid():N}", adapter: "script-ok");
        var card = ui.TaskCard(taskId);
        await Expect(card).ToBeVisibleAsync();

        await card.FocusAsync();
        await ui.Page.Keyboard.PressAsync("Enter");

        await Expect(ui.ById("drawer")).ToBeVisibleAsync();
        await Expect(ui.ById("drawer-fields")).ToContainTextAsync(taskId);
        await Expect(ui.ById("drawer-fields")).ToContainTextAsync("script-ok");
        await Expect(ui.ById("cancel-button")).ToBeEnabledAsync();

        await ui.Page.Keyboard.PressAsync("Escape");

        await Expect(ui.ById("drawer")).ToBeHiddenAsync();
        await Expect(card).ToBeFocusedAsync();
        await ui.AssertNoReloadAndNoErrorsAsync();
    }

    [BrowserFact(Timeout = 120_000)]
    public async Task Drawer_SummaryNamesATaskByIdPrefix_LinkOpensThatTask()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var referenced = await server.IntakeAsync($"Referenced {Guid.NewGuid():N}");
        server.Runtime.AddScriptAdapter("refers", $$"""echo '{"status":"completed","operator_summary":"Follow-up is #{{referenced[..8]}}.","machine_status":"ok"}'""");
        server.Runtime.Save();
        // Above every other queued task, so this run-once claims it.
        var reporter = await server.IntakeAsync($"Reporter {Guid.NewGuid():N}", adapter: "refers", priority: 9);
        using (var dispatcher = server.StartRunOnce())
        {
            var stdout = dispatcher.StandardOutput.ReadToEndAsync();
            var stderr = dispatcher.StandardError.ReadToEndAsync();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await dispatcher.WaitForExitAsync(exit.Token);
            Assert.True(dispatcher.ExitCode == 0, $"run-once exit {dispatcher.ExitCode}\n{await stdout}\n{await stderr}");
        }

        await Expect(ui.TaskCard(reporter)).ToHaveAttributeAsync("data-status", "completed");
        await ui.TaskCard(reporter).ClickAsync();
        var link = ui.Page.Locator("[data-field='Operator Summary'] [data-testid='task-link']");
        await Expect(link).ToHaveTextAsync($"#{referenced[..8]}");

        await link.ClickAsync();

        await Expect(ui.ById("drawer")).ToHaveAttributeAsync("data-task-id", referenced);
        await Expect(ui.ById("drawer-fields")).ToContainTextAsync(referenced);
        await ui.AssertNoReloadAndNoErrorsAsync();
    }
}
