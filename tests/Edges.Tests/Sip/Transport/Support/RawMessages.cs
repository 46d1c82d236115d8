using System.Text;

namespace Cluster.Edges.Tests.Sip.Transport.Support;

/// <summary>Wire text for transport tests.</summary>
internal static class RawMessages
{
    public static byte[] Options(string branch, string sentBy = "192.0.2.99:5099", string transport = "UDP", bool rport = true, int cseq = 1) =>
        Encoding.ASCII.GetBytes(
            $"OPTIONS sip:127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} {sentBy};branch={branch}{(rport ? ";rport" : "")}\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:probe@example.com>;tag=p1\r\n" +
            "To: <sip:127.0.0.1>\r\n" +
            $"Call-ID: {branch}@test\r\n" +
            $"CSeq: {cseq} OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n");
}
