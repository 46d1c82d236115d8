using Cluster.Actors.Common;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// The notifier side of one SUBSCRIBE dialog (RFC 6665 §4.2, RFC 3261 §12.1.1) held on the node that holds the
/// watcher's flow. The user entity knows it only as <see cref="Endpoint"/> (node id + subscription id); everything
/// needed to send an in-dialog NOTIFY lives here.
/// </summary>
public sealed class SipSubscriptionDialog
{
    private long localCSeq;
    private long expiresAtTicks;
    private SipFlow flow;

    internal SipSubscriptionDialog(EdgeEndpoint endpoint, string callId, string localTag, string remoteTag, string remoteTarget,
        string watcherUri, UserAddress watcher, UserAddress presentity, string? eventId, SipFlow flow, DateTimeOffset expiresAt)
    {
        Endpoint = endpoint;
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        RemoteTarget = remoteTarget;
        WatcherUri = watcherUri;
        Watcher = watcher;
        Presentity = presentity;
        EventId = eventId;
        this.flow = flow;
        expiresAtTicks = expiresAt.UtcTicks;
    }

    /// <summary>Where the entity sends notifications: this node and the subscription id.</summary>
    public EdgeEndpoint Endpoint { get; }

    public string CallId { get; }

    /// <summary>Our tag (To of the SUBSCRIBE, From of our NOTIFYs).</summary>
    public string LocalTag { get; }

    /// <summary>The watcher's tag (From of the SUBSCRIBE).</summary>
    public string RemoteTag { get; }

    /// <summary>The watcher's Contact: the Request-URI of NOTIFYs (RFC 3261 §12.1.1).</summary>
    public string RemoteTarget { get; }

    /// <summary>The watcher's From URI (To of our NOTIFYs).</summary>
    public string WatcherUri { get; }

    public UserAddress Watcher { get; }

    public UserAddress Presentity { get; }

    /// <summary>The Event header's id parameter, echoed in NOTIFYs (RFC 6665 §8.2.1).</summary>
    public string? EventId { get; }

    /// <summary>The flow NOTIFYs go over; updated by refreshes that arrive on another flow.</summary>
    public SipFlow Flow
    {
        get => Volatile.Read(ref flow);
        internal set => Volatile.Write(ref flow, value);
    }

    /// <summary>When the subscription lapses; read by NOTIFYs on other threads, so stored as atomic ticks.</summary>
    public DateTimeOffset ExpiresAt
    {
        get => new(Interlocked.Read(ref expiresAtTicks), TimeSpan.Zero);
        internal set => Interlocked.Exchange(ref expiresAtTicks, value.UtcTicks);
    }

    /// <summary>Next CSeq for a NOTIFY (RFC 3261 §12.2.1.1: strictly increasing within the dialog).</summary>
    internal long NextCSeq() => Interlocked.Increment(ref localCSeq);
}
