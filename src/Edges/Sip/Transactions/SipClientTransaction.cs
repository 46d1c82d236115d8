using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1): sends one request to one destination, retransmits it over unreliable
/// transports, and hands responses to its <see cref="ISipClientTransactionUser"/>. Responses are matched to it by
/// top Via branch plus CSeq method (§17.1.3).
/// </summary>
public abstract class SipClientTransaction : SipTransaction
{
    private protected SipClientTransaction(SipTransactionLayer layer, SipMessage request, string branch, SipDestination destination,
        ISipClientTransactionUser user)
        : base(layer, request, branch, destination.IsReliable)
    {
        Destination = destination;
        User = user;
    }

    /// <summary>Where the request goes (a located target or a flow).</summary>
    public SipDestination Destination { get; }

    /// <summary>The owner that receives responses and failures.</summary>
    public ISipClientTransactionUser User { get; }

    /// <summary>The last response received (provisional or final), if any.</summary>
    public SipMessage? LastResponse { get; private protected set; }

    /// <summary>Sends the request and arms the first timers.</summary>
    internal abstract void Start();

    /// <summary>A response matched this transaction (§17.1.3).</summary>
    internal abstract void OnResponse(SipInboundMessage response);

    private protected void SendRequestBytes(ReadOnlyMemory<byte> bytes) =>
        Send(() => Layer.Sender.SendAsync(Destination, bytes));

    private protected override void OnTransportFailure(SipTransportException error)
    {
        lock (Gate)
        {
            if (!TerminateLocked()) return;
        }
        Layer.Counters.RecordTransportError();
        Layer.Call(() => User.OnTransportError(this, error));
    }
}
