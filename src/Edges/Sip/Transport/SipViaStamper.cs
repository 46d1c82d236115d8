using System.Net;
using System.Text;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// RFC 3261 §18.2.1 and RFC 3581 §4 on receipt of a request: add <c>received</c> with the source address when the
/// top Via's sent-by host differs from it, and when the Via asks for <c>rport</c> fill in the source port (and always
/// add <c>received</c>). The message is immutable, so the top Via is rewritten in a copy of the bytes and parsed again;
/// requests that need nothing are returned unchanged.
/// </summary>
internal static class SipViaStamper
{
    public static SipMessage Stamp(SipMessage request, IPEndPoint source, SipParserOptions options)
    {
        var via = request.TopVia;
        var sourceAddress = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var sourceText = sourceAddress.ToString();
        var needsRPort = via.HasRPort && via.RPort is null;
        var hostDiffers = !HostEquals(via.Host, sourceAddress);
        if (!needsRPort && !hostDiffers) return request;

        var sb = new StringBuilder(via.Raw.Length + 40);
        sb.Append(via.ProtocolName).Append('/').Append(via.ProtocolVersion).Append('/').Append(via.Transport).Append(' ').Append(via.Host);
        if (via.Port is { } port) sb.Append(':').Append(port);
        foreach (var p in via.Parameters)
        {
            if (p.Name.Equals("received", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("rport", StringComparison.OrdinalIgnoreCase)) continue;
            sb.Append(';').Append(p.ToString());
        }
        sb.Append(";received=").Append(sourceText);
        if (via.HasRPort) sb.Append(";rport=").Append(needsRPort ? source.Port : via.RPort);
        var replacement = Encoding.ASCII.GetBytes(sb.ToString());

        var original = request.Raw.Span;
        var bytes = new byte[request.Length - request.TopViaLength + replacement.Length];
        original[..request.TopViaOffset].CopyTo(bytes);
        replacement.CopyTo(bytes, request.TopViaOffset);
        original[(request.TopViaOffset + request.TopViaLength)..].CopyTo(bytes.AsSpan(request.TopViaOffset + replacement.Length));
        var result = SipMessageParser.ParseDatagram(bytes, options, out var stamped);
        return result.IsComplete && stamped is not null ? stamped : request; // cannot fail for a valid Via; keep the original if it does
    }

    private static bool HostEquals(string host, IPAddress address)
    {
        var bare = host.Length > 1 && host[0] == '[' ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var parsed) && parsed.Equals(address);
    }
}
