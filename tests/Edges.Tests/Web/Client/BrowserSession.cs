using Microsoft.Playwright;

namespace Cluster.Edges.Tests.Web.Client;

/// <summary>
/// Debian's Chromium driven by Playwright. The browser is the system package (<c>apt-get install chromium</c>, which
/// test.sh does); Playwright's own browser download is never used.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go: a folder in the test output directory.</summary>
    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (test.sh does)");
        Assertions.SetDefaultExpectTimeout(10_000);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A fresh browser profile (own cookies and storage) showing <paramref name="baseUri"/>.</summary>
    public async Task<IPage> OpenAsync(Uri baseUri)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUri.ToString());
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
