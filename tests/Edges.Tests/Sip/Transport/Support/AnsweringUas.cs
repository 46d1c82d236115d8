using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Tests.Sip.Transport.Support;

/// <summary>
/// A tiny UAS wired as transport -> transaction layer -> this TU: answers every request with 200 OK (REGISTER with
/// the Contact echoed and an Expires), through its server transaction.
/// </summary>
internal sealed class AnsweringUas : ISipTransactionUser, IAsyncDisposable
{
    private int requests;

    public AnsweringUas(Func<SipTransportSettings, SipTransportSettings>? configure = null)
    {
        SipTransactionLayer? transactions = null;
        Transport = TransportHarness.Start(configure, handler: m => transactions!.OnInbound(m));
        transactions = new SipTransactionLayer(Transport.Layer, this);
        Transactions = transactions;
    }

    public TransportHarness Transport { get; }

    public SipTransactionLayer Transactions { get; }

    public int Requests => Volatile.Read(ref requests);

    public void OnRequest(SipServerTransaction transaction, SipInboundMessage request)
    {
        Interlocked.Increment(ref requests);
        var contact = request.Message.GetHeaderValue("Contact");
        transaction.Respond(200, "OK", b =>
        {
            if (request.Message.Method == Cluster.Edges.Sip.Parsing.SipMethod.Register && contact is not null)
                b.AddHeader("Contact", contact).AddHeader("Expires", "3600");
        });
    }

    public void OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction)
    {
    }

    public void OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel)
    {
    }

    public void OnUnmatchedResponse(SipInboundMessage response)
    {
    }

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure)
    {
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
