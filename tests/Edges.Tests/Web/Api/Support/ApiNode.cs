using Cluster.Edges.Tests.Web.Support;
using Cluster.Edges.Web;
using Cluster.Edges.Web.Api;

namespace Cluster.Edges.Tests.Web.Api.Support;

/// <summary>One "node" of an <see cref="ApiCluster"/>: a real web edge with the client API, registered as the effect sink of its node id.</summary>
internal sealed class ApiNode(string nodeId, WebEdgeServer server, WebClientApi api, RecordingSessionListener listener, string dataDirectory) : IAsyncDisposable
{
    public string NodeId { get; } = nodeId;

    public WebEdgeServer Server { get; } = server;

    public WebClientApi Api { get; } = api;

    public RecordingSessionListener Listener { get; } = listener;

    public Uri BaseUri => new($"http://127.0.0.1:{Server.HttpEndPoint!.Port}");

    public Uri SocketUri => new($"ws://127.0.0.1:{Server.HttpEndPoint!.Port}/ws/client/websocket");

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Api.DrainAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

/// <summary>Passes session lifecycle calls to several listeners (the API and the test's recorder).</summary>
internal sealed class FanOutListener(params IClientSessionListener[] listeners) : IClientSessionListener
{
    public void SessionStarted(IClientSession session) => Array.ForEach(listeners, l => l.SessionStarted(session));

    public void SessionDetached(IClientSession session) => Array.ForEach(listeners, l => l.SessionDetached(session));

    public void SessionResumed(IClientSession session) => Array.ForEach(listeners, l => l.SessionResumed(session));

    public void SessionEnded(IClientSession session, string reason) => Array.ForEach(listeners, l => l.SessionEnded(session, reason));
}
