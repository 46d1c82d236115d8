using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using Serilog;

namespace Cluster.Edges.Sip.Core;

/// <summary>What the SIP edge's method handlers share: the node identity, the stack below them and the user gateway.</summary>
public sealed class SipEdgeContext
{
    internal SipEdgeContext(string nodeId, SipEdgeSettings settings, IUserGateway users, SipTransportLayer transport,
        SipTransactionLayer transactions, SipRequestAuthenticator authenticator, SipEdgeCounters counters, TimeProvider time, ILogger log)
    {
        NodeId = nodeId;
        Settings = settings;
        Users = users;
        Transport = transport;
        Transactions = transactions;
        Authenticator = authenticator;
        Counters = counters;
        Time = time;
        Log = log;
    }

    /// <summary>This node's id, written into every <see cref="EdgeEndpoint"/> the edge hands to entities.</summary>
    public string NodeId { get; }

    public SipEdgeSettings Settings { get; }

    public IUserGateway Users { get; }

    public SipTransportLayer Transport { get; }

    public SipTransactionLayer Transactions { get; }

    public SipRequestAuthenticator Authenticator { get; }

    public SipEdgeCounters Counters { get; }

    public TimeProvider Time { get; }

    public ILogger Log { get; }

    /// <summary>The endpoint naming a flow of this node: the flow token is the edge's id for it (RFC 5626 §5.2).</summary>
    public EdgeEndpoint FlowEndpoint(SipFlow flow) => new(NodeId, Transport.CreateFlowToken(flow));

    /// <summary>A Contact URI for requests this node sends over <paramref name="transport"/>.</summary>
    public string ContactUri(SipTransportKind transport) =>
        transport == SipTransportKind.Udp ? $"sip:{Transport.GetSentBy(transport)}" : $"sip:{Transport.GetSentBy(transport)};transport={transport.ViaToken().ToLowerInvariant()}";
}
