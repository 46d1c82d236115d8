using System.Net;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Tests.Dns.Support;

/// <summary>
/// The data a <see cref="TestDnsServer"/> serves, answering like an authoritative server (RFC 1034 §4.3.2):
/// CNAMEs are followed inside the zone, missing names get NXDOMAIN and missing types NODATA, both with the SOA.
/// </summary>
internal sealed class TestZone
{
    private readonly List<DnsRecord> records = [];
    private readonly Lock gate = new();

    public uint SoaTtl { get; set; } = 600;

    public uint SoaMinimum { get; set; } = 60;

    /// <summary>When false the server stops at the first CNAME without an SOA, so the client must ask again.</summary>
    public bool ChaseCnames { get; set; } = true;

    public TestZone Add(DnsRecord record)
    {
        lock (gate)
            records.Add(record);
        return this;
    }

    public TestZone A(string name, string address, uint ttl = 300) => Add(new ARecord(name, ttl, IPAddress.Parse(address)));

    public TestZone Aaaa(string name, string address, uint ttl = 300) => Add(new AaaaRecord(name, ttl, IPAddress.Parse(address)));

    public TestZone Cname(string name, string target, uint ttl = 300) => Add(new CnameRecord(name, ttl, target));

    public TestZone Srv(string name, ushort priority, ushort weight, ushort port, string target, uint ttl = 300) =>
        Add(new SrvRecord(name, ttl, priority, weight, port, target));

    public TestZone Naptr(string name, ushort order, ushort preference, string services, string replacement, uint ttl = 300) =>
        Add(new NaptrRecord(name, ttl, order, preference, "s", services, "", replacement));

    public void Clear()
    {
        lock (gate)
            records.Clear();
    }

    public DnsMessage Answer(DnsMessage query)
    {
        var question = query.Questions[0];
        var answers = new List<DnsRecord>();
        var authorities = new List<DnsRecord>();
        var rcode = DnsResponseCode.NoError;
        var name = question.Name;
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { name };
        List<DnsRecord> snapshot;
        lock (gate)
            snapshot = [.. records];
        while (true)
        {
            var atName = snapshot.Where(r => DnsName.Equal(r.Name, name)).ToList();
            var exists = atName.Count > 0 || snapshot.Any(r => r.Name.EndsWith("." + name, StringComparison.OrdinalIgnoreCase));
            if (!exists)
            {
                rcode = DnsResponseCode.NameError;
                authorities.Add(Soa());
                break;
            }
            var matches = atName.Where(r => r.Type == question.Type).ToList();
            if (matches.Count > 0)
            {
                answers.AddRange(matches);
                break;
            }
            if (question.Type != DnsRecordType.CNAME && atName.OfType<CnameRecord>().FirstOrDefault() is { } alias)
            {
                answers.Add(alias);
                if (!ChaseCnames || !visited.Add(alias.Target))
                    break;
                name = alias.Target;
                continue;
            }
            authorities.Add(Soa());
            break;
        }
        return new DnsMessage
        {
            Header = new DnsHeader(query.Header.Id, IsResponse: true, AuthoritativeAnswer: true,
                RecursionDesired: query.Header.RecursionDesired, RecursionAvailable: true, ResponseCode: (byte)rcode),
            Questions = query.Questions,
            Answers = answers,
            Authorities = authorities,
            Additionals = query.Opt is not null ? [new OptRecord(4096)] : [],
        };
    }

    private SoaRecord Soa() => new("test", SoaTtl, "ns.test", "hostmaster.test", 1, 3600, 600, 86400, SoaMinimum);
}
