using AgentRuntime.Ui.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace AgentRuntime.Ui.Tests;

/// <summary>The page outlives a server restart (its own runtime and server: the test stops the server).</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ReconnectTests(BrowserFixture browser, UiServer server) : IClassFixture<UiServer>
{
    [BrowserFact(Timeout = 180_000)]
    public async Task Stream_ServerRestarted_ShowsTheOutageThenReconnectsAndCatchesUp()
    {
        await using var ui = await server.OpenAsync(browser.Browser);
        await Expect(ui.ById("connection")).ToHaveAttributeAsync("data-state", "connected");
        string? queuedWhileDown = null;

        await server.RestartAsync(async () =>
        {
            await Expect(ui.ById("connection")).ToHaveAttributeAsync("data-state", "reconnecting");
            await Expect(ui.ById("heartbeat")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("disconnected"));
            await Expect(ui.ById("offline")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(ui.Page, "server-down");
            queuedWhileDown = await server.IntakeAsync($"Queued while the server was down {Guid.NewGuid():N}");
        });

        await Expect(ui.ById("connection")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 60_000 });
        await Expect(ui.TaskCard(queuedWhileDown!)).ToBeVisibleAsync();
        await Expect(ui.ById("heartbeat")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("disconnected"));
        await Expect(ui.ById("offline")).ToBeHiddenAsync();
        await ui.AssertNoReloadAndNoErrorsAsync();
    }
}
