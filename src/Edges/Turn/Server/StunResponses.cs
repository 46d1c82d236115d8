using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Server;

/// <summary>Builds the error responses every handler needs, in one shape: ERROR-CODE, SOFTWARE, FINGERPRINT.</summary>
public static class StunResponses
{
    /// <summary>
    /// Starts a response to <paramref name="request"/> with the same method and transaction id (RFC 8489 §6.3). An
    /// RFC 3489 request keeps its 128-bit id: its first four bytes go where the cookie would be.
    /// </summary>
    public static StunMessageWriter Begin(Span<byte> destination, in StunMessage request, StunClass responseClass)
    {
        var cookie = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(request.CookieAndTransactionId);
        return new StunMessageWriter(destination, request.Method, responseClass, request.TransactionId, cookie);
    }

    /// <summary>Writes a complete error response and returns its length.</summary>
    public static int WriteError(Span<byte> destination, in StunMessage request, int code, string software, string? reason = null, ReadOnlySpan<ushort> unknownAttributes = default)
    {
        var writer = Begin(destination, request, StunClass.ErrorResponse);
        writer.AddErrorCode(code, reason);
        if (code == StunErrorCodes.UnknownAttribute)
        {
            writer.AddUnknownAttributes(unknownAttributes);
        }

        Finish(ref writer, in request, software);
        return writer.Length;
    }

    /// <summary>Adds SOFTWARE (if configured) and, for RFC 5389+ clients, FINGERPRINT.</summary>
    public static void Finish(ref StunMessageWriter writer, in StunMessage request, string software)
    {
        if (software.Length > 0)
        {
            writer.AddText(StunAttributeType.Software, software);
        }

        if (request.HasMagicCookie)
        {
            writer.AddFingerprint();
        }
    }
}
