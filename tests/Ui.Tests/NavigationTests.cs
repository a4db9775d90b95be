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

}
