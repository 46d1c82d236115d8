namespace Cluster.Runtime.Remoting;

/// <summary>
/// Life of an association (one per remote node address):
/// <code>
///            Send / inbound handshake
///   Idle ------------------------------> Connecting --handshake ok--> Connected
///    ^                                      ^   |                       |
///    | close frame from peer                |   +--fail: backoff------+ |
///    +--------------------------------------|-------------------------+-+ connection lost
///                                           +---------------------------+ (reconnect with backoff)
///   any state --transport shutdown--> ShutDown
/// </code>
/// </summary>
public enum AssociationState
{
    /// <summary>No connection and no reason to open one (never used, or the peer closed gracefully).</summary>
    Idle,
    /// <summary>Connecting or waiting out the reconnect backoff; messages queue up to the bound.</summary>
    Connecting,
    Connected,
    ShutDown,
}
