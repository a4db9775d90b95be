using Microsoft.Playwright;

namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>
/// A page of the operator UI. It records script errors, and marks the loaded document so a test can
/// prove that what it saw arrived without a reload.
/// </summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public UiPage(IPage page)
    {
        Page = page;
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    public ILocator ById(string testId) => Page.GetByTestId(testId);

    public ILocator TaskCard(string taskId) => Page.Locator($"[data-testid='task-card'][data-task-id='{taskId}']");

    internal Task MarkLoadedAsync() => Page.EvaluateAsync("() => { window.__loadMarker = 'first-load'; }");

    /// <summary>Fails when the document was reloaded since it was opened, or when a script threw.</summary>
    public async Task AssertNoReloadAndNoErrorsAsync()
    {
        var marker = await Page.EvaluateAsync<string?>("() => window.__loadMarker ?? null");
        Assert.Equal("first-load", marker);
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "script errors: " + string.Join("\n", _errors));
        }
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
