using System.Net;
using Cluster.Edges.Tests.Web.Api.Support;

namespace Cluster.Edges.Tests.Web.Api;

public sealed class WebClientFilesTests
{
    [Fact]
    public async Task The_root_serves_the_embedded_client_with_a_same_origin_policy()
    {
        await using var cluster = await ApiCluster.StartAsync();
        using var http = new HttpClient { BaseAddress = cluster[0].BaseUri };

        using var page = await http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"app.js\">", html);
        Assert.Contains("default-src 'self'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty));
        foreach (var file in new[] { "/app.js", "/connection.js", "/app.css", "/favicon.svg" })
        {
            using var response = await http.GetAsync(file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file} answered {response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unchanged_file_answers_not_modified_and_unknown_paths_stay_404()
    {
        await using var cluster = await ApiCluster.StartAsync();
        using var http = new HttpClient { BaseAddress = cluster[0].BaseUri };
        using var first = await http.GetAsync("/app.js");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await http.SendAsync(again);
        using var missing = await http.GetAsync("/nothing-here.js");

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
