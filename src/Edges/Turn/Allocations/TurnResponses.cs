using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// Endings shared by every TURN response: SOFTWARE, then the integrity attribute the request used, keyed with the
/// request's long-term key (RFC 8489 §9.2.4: a response to an authenticated request is signed the same way), then
/// FINGERPRINT (RFC 8656 §4: TURN messages carry it).
/// </summary>
internal static class TurnResponses
{
    /// <summary>Room for any TURN response this server writes.</summary>
    public const int MaxResponseLength = 1024;

    public static int Finish(ref StunMessageWriter writer, string software, ReadOnlySpan<byte> key, bool sha256)
    {
        if (software.Length > 0)
        {
            writer.AddText(StunAttributeType.Software, software);
        }

        if (sha256)
        {
            writer.AddMessageIntegritySha256(key);
        }
        else
        {
            writer.AddMessageIntegrity(key);
        }

        writer.AddFingerprint();
        return writer.Length;
    }

    /// <summary>A signed error response for a request already authenticated.</summary>
    public static int WriteError(Span<byte> destination, StunMethod method, ReadOnlySpan<byte> transactionId, int code, string? reason,
        string software, ReadOnlySpan<byte> key, bool sha256)
    {
        var writer = new StunMessageWriter(destination, method, StunClass.ErrorResponse, transactionId);
        writer.AddErrorCode(code, reason);
        return Finish(ref writer, software, key, sha256);
    }
}
