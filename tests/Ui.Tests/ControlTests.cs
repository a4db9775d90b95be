using AgentRuntime.Ui.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace AgentRuntime.Ui.Tests;

/// <summary>Writes from the page: pause and resume, the reply bar, the bearer token.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ControlTests(BrowserFixture browser, UiServer server) : IClassFixture<UiServer>
{
    [BrowserFact(Timeout = 120_000)]
    public async Task PauseToggle_Clicked_PausesAndResumesDispatch()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var toggle = ui.ById("pause-toggle");
        await Expect(toggle).ToHaveTextAsync("Pause");

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveTextAsync("Resume");
        await Expect(ui.ById("runtime-state")).ToHaveTextAsync("paused");
        var paused = await server.GetJsonAsync("/api/pause");
        Assert.True(paused["paused"]!.GetValue<bool>());
        Assert.Equal("operator UI", paused["reason"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(server.Runtime.StateDir, "dispatch.paused.json")));
        await Screenshots.SaveAsync(ui.Page, "dashboard-paused");

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveTextAsync("Pause");
        await Expect(ui.ById("runtime-state")).Not.ToHaveTextAsync("paused");
        Assert.False((await server.GetJsonAsync("/api/pause"))["paused"]!.GetValue<bool>());
        await ui.AssertNoReloadAndNoErrorsAsync();
    }


    [BrowserFact(Timeout = 120_000)]
    public async Task Token_GivenInPageUrl_IsSentAsBearerOnWritesAndLeavesTheAddressBar()
    {
        await using var ui = await server.OpenAsync(browser.Browser, path: "/#token=s3cret-token");
        Assert.Equal("", await ui.Page.EvaluateAsync<string>("() => location.hash"));
        var sent = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        ui.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/api/pause", StringComparison.Ordinal))
            {
                request.Headers.TryGetValue("authorization", out var authorization);
                sent.TrySetResult(authorization);
            }
        };

        await ui.ById("pause-toggle").ClickAsync();

        Assert.Equal("Bearer s3cret-token", await sent.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        await Expect(ui.ById("pause-toggle")).ToHaveTextAsync("Resume");
        await ui.ById("pause-toggle").ClickAsync();
        await Expect(ui.ById("pause-toggle")).ToHaveTextAsync("Pause");
        await ui.AssertNoReloadAndNoErrorsAsync();
    }


    [BrowserFact(Timeout = 120_000)]
    public async Task ReplyBar_MessageSent_QueuesOperatorTaskWithItsSkills()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var marker = Guid.NewGuid().ToString("N");

        await ui.ById("reply-input").FillAsync($"Check the logs {marker} with /log-reader");
        await ui.ById("reply-input").PressAsync("Enter");

        await Expect(ui.ById("reply-status")).ToContainTextAsync("queued");
        var taskId = await ui.ById("reply-status").GetAttributeAsync("data-task-id");
        Assert.False(string.IsNullOrEmpty(taskId));
        await Expect(ui.TaskCard(taskId!)).ToContainTextAsync(marker);
        await Expect(ui.ById("reply-input")).ToHaveValueAsync("");
        var task = (await server.GetJsonAsync($"/api/tasks/{taskId}"))["task"]!;
        Assert.Equal("operator", task["kind"]!.GetValue<string>());
        Assert.Equal("operator-ui", task["source"]!.GetValue<string>());
        Assert.Equal("log-reader", task["payload"]!["skill_refs"]![0]!.GetValue<string>());
        await ui.AssertNoReloadAndNoErrorsAsync();
    }

    [BrowserFact(Timeout = 120_000)]
    public async Task Drawer_ReplyToTask_QueuesAChildWhoseParentLinkOpensTheParent()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        var parent = await server.IntakeAsync($"Parent {Guid.NewGuid():N}");
        await ui.TaskCard(parent).ClickAsync();
        await ui.ById("reply-button").ClickAsync();
        await Expect(ui.ById("reply-input")).ToHaveValueAsync($"[re: {parent[..8]}] ");
        await Expect(ui.ById("reply-input")).ToBeFocusedAsync();

        await ui.ById("reply-input").PressSequentiallyAsync("follow up on this");
        await ui.ById("reply-send").ClickAsync();

        await Expect(ui.ById("reply-status")).ToContainTextAsync("queued");
        var child = await ui.ById("reply-status").GetAttributeAsync("data-task-id");
        await Expect(ui.TaskCard(child!)).ToContainTextAsync($"[re: {parent[..8]}] follow up on this");
        var task = (await server.GetJsonAsync($"/api/tasks/{child}"))["task"]!;
        Assert.Equal(parent, task["payload"]!["parent_id"]!.GetValue<string>());

        await ui.TaskCard(child!).ClickAsync();
        await ui.Page.Locator("[data-field='Parent'] [data-testid='task-link']").ClickAsync();

        await Expect(ui.ById("drawer")).ToHaveAttributeAsync("data-task-id", parent);
        await Expect(ui.ById("drawer-fields")).ToContainTextAsync(parent);
        await Expect(ui.ById("drawer-children")).ToHaveTextAsync("1 child: 0 done, 0 running, 1 other");
        await ui.AssertNoReloadAndNoErrorsAsync();
    }
}
