using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// Sends a non-INVITE request the edge originates (NOTIFY, MESSAGE) over an existing flow (RFC 5626: requests to a
/// registered device go over the connection it registered on) and reports the final outcome as one status code:
/// the response's, 408 for Timer F, 430 Flow Failed when the flow is gone or the send fails (RFC 5626 §5.3).
/// </summary>
internal static class SipRequestSender
{
    public static void Send(SipTransactionLayer transactions, SipFlow flow, SipMessageBuilder request, Action<int, SipMessage?> onFinal)
    {
        SipMessage message;
        try
        {
            message = transactions.CreateRequest(request, flow.Transport);
            transactions.StartClient(message, SipDestination.OnFlow(flow), new FinalOnly(onFinal));
        }
        catch (Exception ex) when (ex is SipTransportException or InvalidOperationException)
        {
            onFinal(430, null);
        }
    }

    private sealed class FinalOnly(Action<int, SipMessage?> onFinal) : ISipClientTransactionUser
    {
        private int done;

        public void OnResponse(SipClientTransaction transaction, SipInboundMessage response)
        {
            if (response.Message.StatusCode >= 200 && Interlocked.Exchange(ref done, 1) == 0) onFinal(response.Message.StatusCode, response.Message);
        }

        public void OnTimeout(SipClientTransaction transaction)
        {
            if (Interlocked.Exchange(ref done, 1) == 0) onFinal(408, null);
        }

        public void OnTransportError(SipClientTransaction transaction, SipTransportException error)
        {
            if (Interlocked.Exchange(ref done, 1) == 0) onFinal(430, null);
        }
    }
}
