using System.Text;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>Typical messages as softphones send them, used by the stream, fuzz and round-trip tests.</summary>
internal static class SampleMessages
{
    public static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TLS 192.0.2.10:52344;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: \"Alice\" <sip:alice@example.com>\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 REGISTER\r\n" +
        "Contact: <sip:alice@192.0.2.10:52344;transport=tls;ob>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1;expires=3600\r\n" +
        "Supported: path, outbound, gruu\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, NOTIFY, REFER\r\n" +
        "User-Agent: Softphone/1.0\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKnashds8;received=192.0.2.1;rport=5060\r\n" +
        "Via: SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bK1\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@example.com>\r\n" +
        "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@pc33.example.com>\r\n" +
        "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 25\r\n\r\n" +
        "v=0\r\no=- 1 1 IN IP4 x\r\n\r\n");
}
