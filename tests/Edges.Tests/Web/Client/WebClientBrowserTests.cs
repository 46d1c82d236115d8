using Cluster.Edges.Tests.Web.Api.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cluster.Edges.Tests.Web.Client;

/// <summary>The browser client end to end: a real web edge on loopback, real users, Chromium as the client.</summary>
public sealed class WebClientBrowserTests
{
    private static async Task LogInAsync(IPage page, string username, string password = ApiCluster.Password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    private static ILocator Contact(IPage page, string name) =>
        page.GetByRole(AriaRole.List, new() { Name = "Contacts" }).GetByRole(AriaRole.Listitem, new() { Name = name });

    [Fact]
    public async Task Contacts_on_two_nodes_see_presence_changes_and_chat_with_read_receipts()
    {
        await using var cluster = await ApiCluster.StartAsync(nodeCount: 2);
        var alice = await cluster.CreateUserAsync("alice@example.com", "Alice Liddell", "+49 89 1234-100");
        var bob = await cluster.CreateUserAsync("bob@example.com", "Bob Builder", "+49 89 1234-200");
        await cluster.MakeContactsAsync(alice, bob);
        await using var browser = await BrowserSession.LaunchAsync();
        var alicePage = await browser.OpenAsync(cluster[0].BaseUri);
        var bobPage = await browser.OpenAsync(cluster[1].BaseUri);

        await LogInAsync(alicePage, "alice@example.com");
        await LogInAsync(bobPage, "bob@example.com");
        await Expect(alicePage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connected");
        await Expect(Contact(bobPage, "Alice Liddell").GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "Available");

        await alicePage.GetByLabel("My status").SelectOptionAsync("busy");
        await alicePage.GetByLabel("Status note").FillAsync("In the lab until 3");
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Set note" }).ClickAsync();
        await Expect(Contact(bobPage, "Alice Liddell").GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "Busy");
        await Expect(Contact(bobPage, "Alice Liddell")).ToContainTextAsync("In the lab until 3");

        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Chat with Bob Builder" }).ClickAsync();
        await alicePage.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("Hello Bob, coffee?");
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(bobPage.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("Hello Bob, coffee?");
        await Expect(alicePage.GetByRole(AriaRole.Log, new() { Name = "Messages" }).GetByRole(AriaRole.Listitem).Last).ToContainTextAsync("Read");

        await bobPage.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("Sure, in 5 minutes");
        await bobPage.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(alicePage.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("Sure, in 5 minutes");
        await Expect(alicePage.GetByRole(AriaRole.Button, new() { Name = "Dial" })).ToBeDisabledAsync();
        await Expect(alicePage.GetByText("Call control is not available on this server.")).ToBeVisibleAsync();

        await alicePage.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory, "alice.png"), FullPage = true });
        await bobPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory, "bob.png"), FullPage = true });
    }

    [Fact]
    public async Task A_contact_found_in_the_directory_is_added_and_the_request_accepted_in_the_other_browser()
    {
        await using var cluster = await ApiCluster.StartAsync();
        await cluster.CreateUserAsync("alice@example.com", "Alice Liddell");
        await cluster.CreateUserAsync("carol@example.com", "Carol Danvers", "+49 30 777");
        await using var browser = await BrowserSession.LaunchAsync();
        var alicePage = await browser.OpenAsync(cluster[0].BaseUri);
        var carolPage = await browser.OpenAsync(cluster[0].BaseUri);
        await LogInAsync(alicePage, "alice@example.com");
        await LogInAsync(carolPage, "carol@example.com");
        await Expect(carolPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Connected");

        await alicePage.GetByLabel("Search directory").FillAsync("danv");
        await alicePage.GetByRole(AriaRole.Button, new() { Name = "Add Carol Danvers" }).ClickAsync();
        await carolPage.GetByRole(AriaRole.Button, new() { Name = "Accept Alice Liddell" }).ClickAsync();

        await Expect(Contact(carolPage, "Alice Liddell")).ToBeVisibleAsync();
        await Expect(Contact(alicePage, "Carol Danvers").GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "Available");
        await alicePage.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory, "directory.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_shows_a_login_error()
    {
        await using var cluster = await ApiCluster.StartAsync();
        await cluster.CreateUserAsync("alice@example.com", "Alice Liddell");
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.OpenAsync(cluster[0].BaseUri);

        await LogInAsync(page, "alice@example.com", "not the password");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory, "login-failed.png") });
    }
}
