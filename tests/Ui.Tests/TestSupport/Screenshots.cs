using Microsoft.Playwright;

namespace AgentRuntime.Ui.Tests.TestSupport;

/// <summary>Screenshots kept as test artifacts in <c>&lt;test output&gt;/screenshots/</c>.</summary>
internal static class Screenshots
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }
}
