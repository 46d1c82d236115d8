using System.Text;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>Builds the requests the transaction layer derives from another request: ACK for a non-2xx and CANCEL.</summary>
internal static class SipRequestFactory
{
    /// <summary>
    /// RFC 3261 §17.1.1.3: the ACK for a non-2xx final response has the Request-URI, Call-ID, From, CSeq number and
    /// Route headers of the INVITE, the To of the response (with its tag), and one Via equal to the INVITE's top Via
    /// (same branch).
    /// </summary>
    public static byte[] AckForNon2xx(SipMessage invite, SipMessage response)
    {
        var b = SipMessageBuilder.Request("ACK", Encoding.UTF8.GetString(invite.RawRequestUri.Span));
        b.AddRaw("Via", invite.Buffer.AsMemory(invite.TopViaOffset, invite.TopViaLength));
        CopyRaw(invite, b, SipHeaderKind.Route, "Route");
        b.AddHeader("Max-Forwards", "70");
        CopyRaw(invite, b, SipHeaderKind.From, "From");
        CopyRaw(response, b, SipHeaderKind.To, "To");
        CopyRaw(invite, b, SipHeaderKind.CallId, "Call-ID");
        b.AddHeader("CSeq", $"{invite.CSeq.Number} ACK");
        return b.ToArray();
    }

    /// <summary>
    /// RFC 3261 §9.1: CANCEL carries the Request-URI, Call-ID, To, From, CSeq number and Route headers of the request
    /// and a single Via equal to its top Via, so the server matches it to the INVITE by branch.
    /// </summary>
    public static SipMessage Cancel(SipMessage invite, Parsing.SipParserOptions options)
    {
        var b = SipMessageBuilder.Request("CANCEL", Encoding.UTF8.GetString(invite.RawRequestUri.Span));
        b.AddRaw("Via", invite.Buffer.AsMemory(invite.TopViaOffset, invite.TopViaLength));
        CopyRaw(invite, b, SipHeaderKind.Route, "Route");
        b.AddHeader("Max-Forwards", "70");
        CopyRaw(invite, b, SipHeaderKind.From, "From");
        CopyRaw(invite, b, SipHeaderKind.To, "To");
        CopyRaw(invite, b, SipHeaderKind.CallId, "Call-ID");
        b.AddHeader("CSeq", $"{invite.CSeq.Number} CANCEL");
        return Materialize(b, options);
    }

    /// <summary>Serializes a built message and parses it back, so the layer works on validated messages only.</summary>
    public static SipMessage Materialize(SipMessageBuilder builder, SipParserOptions options)
    {
        var bytes = builder.ToArray();
        var result = SipMessageParser.ParseDatagram(bytes, options, out var message);
        if (!result.IsComplete || message is null)
            throw new ArgumentException($"the built message is not valid SIP: {result.Error?.Reason ?? result.Status.ToString()}", nameof(builder));
        return message;
    }

    private static void CopyRaw(SipMessage source, SipMessageBuilder target, SipHeaderKind kind, string name)
    {
        for (var i = 0; i < source.FieldCount; i++)
            if (source.Fields[i].Kind == kind)
                target.AddRaw(name, source.Buffer.AsMemory(source.Fields[i].Value));
    }
}
