using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cluster.Actors.Common;
using Cluster.Actors.Directory;
using Cluster.Actors.Users;
using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;
using Cluster.Edges.Web.Api;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Web.Api.Support;

/// <summary>
/// Users in an <see cref="InProcessUserGateway"/> (the real domain in memory) and one or more web edges with the
/// client API on loopback, each a "node" with its own id and registered as the gateway's sink for it: a client on
/// node A and one on node B reach each other exactly as through the sharded entities.
/// </summary>
internal sealed class ApiCluster : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly List<ApiNode> nodes = [];

    public ApiCluster(ICallControl? callControl = null)
    {
        CallControl = callControl;
    }

    /// <summary>Low PBKDF2 iterations keep logins fast in tests.</summary>
    public InProcessUserGateway Users { get; } = new(UserSettings.Default with { PasswordIterations = 1000 });

    public DirectoryIndex Directory { get; } = new();

    public ICallControl? CallControl { get; }

    public static async Task<ApiCluster> StartAsync(int nodeCount = 1, ICallControl? callControl = null)
    {
        var cluster = new ApiCluster(callControl);
        for (var i = 0; i < nodeCount; i++)
            await cluster.AddNodeAsync($"node-{(char)('a' + i)}");
        return cluster;
    }

    public ApiNode this[int index] => nodes[index];

    public async Task<ApiNode> AddNodeAsync(string nodeId, Func<WebSettings, WebSettings>? configure = null)
    {
        var api = new WebClientApi(nodeId, Users, new WebClientApiOptions { Directory = Directory, CallControl = CallControl });
        var registry = new ClientMessageRegistry();
        api.Register(registry);
        var recorder = new RecordingSessionListener();
        var data = System.IO.Directory.CreateTempSubdirectory("uc-webapi-test-").FullName;
        var server = new WebEdgeServer(WebTestServer.TestSettings(configure), new WebEdgeServices
        {
            CredentialVerifier = new UserGatewayCredentialVerifier(Users),
            DataDirectory = data,
            SessionListener = new FanOutListener(api, recorder),
            Handlers = registry,
        });
        await server.StartAsync();
        Users.RegisterSink(nodeId, api);
        var node = new ApiNode(nodeId, server, api, recorder, data);
        nodes.Add(node);
        return node;
    }

    /// <summary>Creates a user with <see cref="Password"/> and feeds the directory the way the node's projection would.</summary>
    public async Task<UserAddress> CreateUserAsync(string address, string displayName, params string[] phoneNumbers)
    {
        var user = UserAddress.Parse(address);
        Assert.IsType<Ack>(await Users.SendAsync(user, new CreateUser(displayName, PhoneNumbers: phoneNumbers)));
        Assert.IsType<Ack>(await Users.SendAsync(user, new SetPassword(Password)));
        Directory.Apply(user, new UserCreated(user, displayName, null, phoneNumbers, null, DateTimeOffset.UtcNow));
        return user;
    }

    /// <summary>Makes two users contacts who see each other at team level.</summary>
    public async Task MakeContactsAsync(UserAddress a, UserAddress b)
    {
        Assert.IsType<Ack>(await Users.SendAsync(a, new SetContact(b, Level: PermissionLevel.Team)));
        Assert.IsType<Ack>(await Users.SendAsync(b, new SetContact(a, Level: PermissionLevel.Team)));
    }

    public async Task<string> LoginAsync(ApiNode node, string user, string password = Password)
    {
        using var http = new HttpClient { BaseAddress = node.BaseUri, Timeout = Deadline.Default };
        using var response = await http.PostAsJsonAsync("/api/v1/login", new { username = user, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Logs in on <paramref name="node"/>, opens the WebSocket, authenticates, and waits until the session is announced to the user entity.</summary>
    public async Task<ApiClient> ConnectAsync(ApiNode node, UserAddress user)
    {
        var token = await LoginAsync(node, user.ToString());
        var (client, reply) = await ApiClient.OpenAsync(node.SocketUri, user.ToString(), token);
        Assert.Equal("result", reply.GetProperty("type").GetString());
        await node.Api.DrainAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
            await node.DisposeAsync();
    }
}
