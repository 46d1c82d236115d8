using System.Text.Json.Nodes;

namespace Cluster.Edges.Web;

/// <summary>
/// The edge's implementation of <see cref="IClientSession"/>: numbering, the bounded replay buffer and the
/// attached connection, all under one lock so that a push and a resume cannot interleave (a resumed client sees
/// every push exactly once, in order).
/// </summary>
/// <remarks>
/// <code>
///   Start ──► Attached ──(socket closes)──► Detached ──(resume window passes)──► Ended
///                ▲                              │
///                └──────────(resume)────────────┘          (logout/revoke/stop: any state ──► Ended)
/// </code>
/// </remarks>
internal sealed class ClientSession : IClientSession
{
    private readonly Lock gate = new();
    private readonly Queue<(long Seq, byte[] Frame)> replay = new();
    private readonly int replayLimit;
    private ClientConnection? connection;
    private long lastSeq;
    private bool ended;

    public ClientSession(string sessionId, AuthenticatedUser user, string tokenId, int replayLimit)
    {
        SessionId = sessionId;
        User = user;
        TokenId = tokenId;
        this.replayLimit = replayLimit;
    }

    public string SessionId { get; }

    public AuthenticatedUser User { get; }

    /// <summary>Token the attached (or last) connection authenticated with; a revoke of it ends the session.</summary>
    public string TokenId { get; private set; }

    /// <summary>Bumped on every attach, so a resume-window timer armed for an older detach does nothing.</summary>
    public long Generation { get; private set; }

    public bool IsConnected
    {
        get
        {
            lock (gate)
                return connection is not null;
        }
    }

    public bool IsEnded
    {
        get
        {
            lock (gate)
                return ended;
        }
    }

    public long LastSeq
    {
        get
        {
            lock (gate)
                return lastSeq;
        }
    }

    public long Push(string type, JsonNode? data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        lock (gate)
        {
            if (ended)
                return 0;
            var seq = ++lastSeq;
            var frame = ClientFrames.Encode(type, null, seq, data);
            if (replayLimit > 0)
            {
                replay.Enqueue((seq, frame));
                while (replay.Count > replayLimit)
                    replay.Dequeue();
            }
            connection?.Send(frame);
            return seq;
        }
    }

    /// <summary>Attaches the first connection and queues <paramref name="reply"/> before any push.</summary>
    public bool Attach(ClientConnection newConnection, byte[] reply)
    {
        lock (gate)
        {
            if (ended)
                return false;
            connection = newConnection;
            Generation++;
            newConnection.Send(reply);
            // Pushes made by session listeners between Start and Attach follow the reply instead of waiting for a resume.
            foreach (var (_, frame) in replay)
                newConnection.Send(frame, replay: true);
            return true;
        }
    }

    /// <summary>
    /// Moves the session to <paramref name="newConnection"/>, queueing the reply built from the current last seq
    /// and then every push after <paramref name="clientLastSeq"/>, oldest first. Fails with a reason when the
    /// session ended or the client needs pushes that are no longer buffered.
    /// </summary>
    public bool TryResume(ClientConnection newConnection, string tokenId, long clientLastSeq, Func<long, byte[]> reply,
        out ClientConnection? previous, out string failure)
    {
        previous = null;
        failure = string.Empty;
        lock (gate)
        {
            if (ended)
            {
                failure = "session has ended";
                return false;
            }
            if (clientLastSeq < 0 || clientLastSeq > lastSeq)
            {
                failure = $"lastSeq {clientLastSeq} is outside 0..{lastSeq}";
                return false;
            }
            var oldestKept = replay.Count > 0 ? replay.Peek().Seq : lastSeq + 1;
            if (clientLastSeq + 1 < oldestKept)
            {
                failure = $"pushes {clientLastSeq + 1}..{oldestKept - 1} are no longer buffered";
                return false;
            }
            previous = connection;
            connection = newConnection;
            TokenId = tokenId;
            Generation++;
            newConnection.Send(reply(lastSeq), replay: true);
            foreach (var (seq, frame) in replay)
                if (seq > clientLastSeq)
                    newConnection.Send(frame, replay: true);
            return true;
        }
    }

    /// <summary>Detaches <paramref name="closing"/> if it is still the attached connection; true when it was.</summary>
    public bool Detach(ClientConnection closing, out long generation)
    {
        lock (gate)
        {
            generation = Generation;
            if (ended || !ReferenceEquals(connection, closing))
                return false;
            connection = null;
            return true;
        }
    }

    /// <summary>Ends the session; returns the connection that was attached, for the caller to close.</summary>
    public bool End(out ClientConnection? attached)
    {
        lock (gate)
        {
            attached = connection;
            if (ended)
                return false;
            ended = true;
            connection = null;
            replay.Clear();
            return true;
        }
    }
}
