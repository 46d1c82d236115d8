using System.Text.Json.Nodes;

namespace Cluster.Edges.Web;

/// <summary>
/// A client's logical session on this node. It outlives a single WebSocket: pushes are numbered and buffered so a
/// client that reconnects within the resume window gets exactly what it missed. The user's session actor holds one
/// of these to write presence changes, chat messages and call events to the client.
/// </summary>
public interface IClientSession
{
    /// <summary>Random id the client resumes with.</summary>
    string SessionId { get; }

    /// <summary>Whose session it is.</summary>
    AuthenticatedUser User { get; }

    /// <summary>True while a WebSocket is attached; pushes made while detached wait in the replay buffer.</summary>
    bool IsConnected { get; }

    /// <summary>True once the session is over (logout, revoke, resume window passed, node stopping).</summary>
    bool IsEnded { get; }

    /// <summary>Sequence number of the last push (0 before the first).</summary>
    long LastSeq { get; }

    /// <summary>
    /// Sends <c>{"type": type, "seq": n, "data": data}</c> to the client, or buffers it for a resume. Returns the
    /// push's sequence number, or 0 when the session has ended and nothing was sent. Thread-safe; concurrent pushes
    /// are numbered in the order they are sent.
    /// </summary>
    long Push(string type, JsonNode? data);
}
