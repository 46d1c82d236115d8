using System.Net;
using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Tests.Dns.Support;

/// <summary>A query as <see cref="TestDnsServer"/> saw it.</summary>
internal sealed record ReceivedQuery(DnsMessage Message, bool OverTcp, IPEndPoint From)
{
    public DnsQuestion Question => Message.Questions[0];

    public override string ToString() => $"{Question.Name} {Question.Type} over {(OverTcp ? "TCP" : "UDP")}";
}
