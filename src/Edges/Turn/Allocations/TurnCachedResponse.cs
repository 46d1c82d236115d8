namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The answer to one request, kept so a retransmission (same transaction id on the same 5-tuple) gets the same
/// bytes instead of being executed twice (RFC 8489 §6.3.1: retransmitted requests should see the same response).
/// </summary>
internal sealed class TurnCachedResponse
{
    private readonly byte[] transactionId;

    public TurnCachedResponse(ReadOnlySpan<byte> transactionId, ReadOnlySpan<byte> response)
    {
        this.transactionId = transactionId.ToArray();
        Response = response.ToArray();
    }

    public byte[] Response { get; }

    public bool Matches(ReadOnlySpan<byte> id) => id.SequenceEqual(transactionId);
}
