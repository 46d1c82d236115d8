using System.Net;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Snapshot of one association for the shell and for tests: which socket carries it (so that "one connection per pair
/// of nodes" can be checked from both ends by comparing endpoints), how full its queues are and what it dropped.
/// <c>InitiatedLocally</c> is true when this node opened the current connection; <c>ConnectionsEstablished</c>
/// counts handshakes completed for this association over its lifetime.
/// </summary>
public sealed record AssociationDiagnostics(
    NodeAddress Remote,
    long? RemoteUid,
    AssociationState State,
    bool Reachable,
    bool? InitiatedLocally,
    EndPoint? LocalEndPoint,
    EndPoint? RemoteEndPoint,
    long ConnectionsEstablished,
    int QueuedUserMessages,
    int QueuedSystemMessages,
    long MessagesSent,
    long MessagesReceived,
    long DroppedQueueFull);
