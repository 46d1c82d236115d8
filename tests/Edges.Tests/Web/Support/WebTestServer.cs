using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.Edges.Web;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Support;

/// <summary>
/// A real <see cref="WebEdgeServer"/> on 127.0.0.1 with an OS-chosen port, a manual clock, an in-memory user
/// directory (alice and bob) and a recording session listener; plus helpers to log in and open sockets.
/// </summary>
internal sealed class WebTestServer : IAsyncDisposable
{
    public const string Alice = "alice@example.com";
    public const string AlicePassword = "correct horse";
    public const string Bob = "bob@example.com";
    public const string BobPassword = "battery staple";

    private readonly bool ownsDataDirectory;

    private WebTestServer(WebEdgeServer server, ManualTimeProvider clock, InMemoryCredentials users, RecordingSessionListener listener,
        string dataDirectory, bool ownsDataDirectory)
    {
        Server = server;
        Clock = clock;
        Users = users;
        Listener = listener;
        DataDirectory = dataDirectory;
        this.ownsDataDirectory = ownsDataDirectory;
        BaseUri = new Uri($"http://127.0.0.1:{server.HttpEndPoint!.Port}");
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = Deadline.Default };
    }

    public WebEdgeServer Server { get; }

    public ManualTimeProvider Clock { get; }

    public InMemoryCredentials Users { get; }

    public RecordingSessionListener Listener { get; }

    public string DataDirectory { get; }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public Uri SocketUri => new($"ws://127.0.0.1:{Server.HttpEndPoint!.Port}/ws/client/websocket");

    public static WebSettings TestSettings(Func<WebSettings, WebSettings>? configure = null)
    {
        var settings = new WebSettings { BindHost = "127.0.0.1", HttpPort = 0, HttpsPort = null };
        return configure is null ? settings : configure(settings);
    }

    /// <summary>Starts a server. <paramref name="useSystemClock"/> for the few tests that await a short real timeout.</summary>
    public static async Task<WebTestServer> StartAsync(
        Func<WebSettings, WebSettings>? configure = null,
        Func<WebEdgeServices, WebEdgeServices>? services = null,
        string? dataDirectory = null,
        bool useSystemClock = false)
    {
        var clock = new ManualTimeProvider();
        var users = new InMemoryCredentials().Add(Alice, AlicePassword, "Alice Liddell").Add(Bob, BobPassword, "Bob");
        var listener = new RecordingSessionListener();
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("uc-web-test-").FullName;
        var wiring = new WebEdgeServices
        {
            CredentialVerifier = users,
            DataDirectory = dataDirectory,
            SessionListener = listener,
            Time = useSystemClock ? TimeProvider.System : clock,
        };
        var server = new WebEdgeServer(TestSettings(configure), services is null ? wiring : services(wiring));
        await server.StartAsync();
        return new WebTestServer(server, clock, users, listener, dataDirectory, owns);
    }

    public Task<HttpResponseMessage> PostLoginAsync(string username, string password, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/login") { Content = JsonContent.Create(new { username, password }) };
        configure?.Invoke(request);
        return Http.SendAsync(request);
    }

    /// <summary>Logs in and returns the token; fails the test if the login is refused.</summary>
    public async Task<string> LoginAsync(string username = Alice, string password = AlicePassword)
    {
        using var response = await PostLoginAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public Task<HttpResponseMessage> GetWithTokenAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request);
    }

    public async Task<TestSocket> ConnectAsync(string? bearer = null)
    {
        var socket = new ClientWebSocket();
        if (bearer is not null)
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        using var deadline = new CancellationTokenSource(Deadline.Default);
        await socket.ConnectAsync(SocketUri, deadline.Token);
        return new TestSocket(socket);
    }

    /// <summary>Logs in, connects, authenticates; returns the socket, the auth reply's data and the server-side session.</summary>
    public async Task<(TestSocket Socket, JsonElement Session, IClientSession Server, string Token)> ConnectAuthenticatedAsync(
        string username = Alice, string password = AlicePassword)
    {
        var token = await LoginAsync(username, password);
        var socket = await ConnectAsync();
        var reply = await socket.RequestAsync("auth", "a1", new { token });
        Assert.Equal("result", reply.GetProperty("type").GetString());
        var data = reply.GetProperty("data");
        var sessionId = data.GetProperty("sessionId").GetString()!;
        var started = await Listener.WaitAsync("started", sessionId);
        return (socket, data, started.Session, token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (ownsDataDirectory)
            Directory.Delete(DataDirectory, recursive: true);
    }
}
