using System.Net;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Tests.Dns.Codec;

/// <summary>Messages that use every record type the codec knows, shared by the round-trip and fuzz tests.</summary>
internal static class SampleMessages
{
    public static DnsMessage AllTypes() => new()
    {
        Header = new DnsHeader(0xBEEF, IsResponse: true, AuthoritativeAnswer: true, RecursionDesired: true, RecursionAvailable: true),
        Questions = [new DnsQuestion("example.com", DnsRecordType.NAPTR)],
        Answers =
        [
            new NaptrRecord("example.com", 300, 50, 50, "s", "SIPS+D2T", "", "_sips._tcp.example.com"),
            new NaptrRecord("example.com", 300, 90, 50, "s", "SIP+D2T", "", "_sip._tcp.example.com"),
            new NaptrRecord("example.com", 300, 100, 50, "s", "SIP+D2U", "!^.*$!sip:info@example.com!", "_sip._udp.example.com"),
            new CnameRecord("www.example.com", 60, "example.com"),
            new SrvRecord("_sip._udp.example.com", 120, 10, 60, 5060, "sip1.example.com"),
            new SrvRecord("_sip._udp.example.com", 120, 10, 20, 5060, "sip2.example.com"),
            new UnknownRecord("example.com", DnsRecordType.TXT, DnsClass.Internet, 30, [5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o']),
        ],
        Authorities = [new SoaRecord("example.com", 3600, "ns1.example.com", "hostmaster.example.com", 2024010101, 7200, 900, 1209600, 300)],
        Additionals =
        [
            new ARecord("sip1.example.com", 300, IPAddress.Parse("192.0.2.10")),
            new AaaaRecord("sip1.example.com", 300, IPAddress.Parse("2001:db8::10")),
            new ARecord("sip2.example.com", 300, IPAddress.Parse("192.0.2.20")),
            new OptRecord(1232, extendedRcode: 0, version: 0, dnssecOk: true, options: [0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8]),
        ],
    };
}
