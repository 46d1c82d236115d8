using System.Net;
using System.Security.Cryptography.X509Certificates;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Hosting;

public sealed class HttpsTests
{
    private static HttpClient PinnedClient(string thumbprint) => new(new HttpClientHandler
    {
        // Trust exactly the generated certificate, nothing else.
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase),
    })
    { Timeout = Deadline.Default };

    [Fact]
    public async Task Https_serves_with_a_generated_development_certificate()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { HttpsPort = 0 });
        var certificate = web.Server.Certificate!;
        using var client = PinnedClient(certificate.Thumbprint);

        using var response = await client.GetAsync($"https://127.0.0.1:{web.Server.HttpsEndPoint!.Port}/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(web.Server.UsesDevelopmentCertificate);
        Assert.True(File.Exists(WebCertificates.DevelopmentCertificatePath(web.DataDirectory)));
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
    }

    [Fact]
    public async Task Https_refuses_clients_pinning_another_certificate()
    {
        await using var web = await WebTestServer.StartAsync(s => s with { HttpsPort = 0 });
        using var client = PinnedClient(new string('0', 40));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"https://127.0.0.1:{web.Server.HttpsEndPoint!.Port}/health"));
    }

    [Fact]
    public async Task Development_certificate_is_reused_on_restart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("uc-web-test-").FullName;
        try
        {
            string first;
            await using (var web = await WebTestServer.StartAsync(s => s with { HttpsPort = 0 }, dataDirectory: dataDirectory))
                first = web.Server.Certificate!.Thumbprint;

            await using var restarted = await WebTestServer.StartAsync(s => s with { HttpsPort = 0 }, dataDirectory: dataDirectory);
            using var client = PinnedClient(first);
            using var response = await client.GetAsync($"https://127.0.0.1:{restarted.Server.HttpsEndPoint!.Port}/health");

            Assert.Equal(first, restarted.Server.Certificate!.Thumbprint);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Configured_pfx_is_used_instead_of_a_development_certificate()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("uc-web-test-").FullName;
        try
        {
            string pfx = Path.Combine(dataDirectory, "server.pfx");
            string thumbprint;
            await using (var generator = await WebTestServer.StartAsync(s => s with { HttpsPort = 0 }))
            {
                await File.WriteAllBytesAsync(pfx, generator.Server.Certificate!.Export(X509ContentType.Pkcs12, "pfx-secret"));
                thumbprint = generator.Server.Certificate.Thumbprint;
            }

            await using var web = await WebTestServer.StartAsync(
                s => s with { HttpsPort = 0, CertificatePath = pfx, CertificatePassword = "pfx-secret" }, dataDirectory: dataDirectory);
            using var client = PinnedClient(thumbprint);
            using var response = await client.GetAsync($"https://127.0.0.1:{web.Server.HttpsEndPoint!.Port}/health");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(web.Server.UsesDevelopmentCertificate);
            Assert.False(File.Exists(WebCertificates.DevelopmentCertificatePath(dataDirectory)));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
