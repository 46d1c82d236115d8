using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Policy;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;
using Serilog.Events;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The TURN methods (RFC 8656 §7-§12) on the receive loops. Every request is authenticated first, statelessly
/// (nonce MAC + credential HMAC), so nothing is stored for a client until its credentials verify. Allocate is
/// carried out here (quota, port, relay socket, tables: it must be answered at once and be atomic against a racing
/// retransmission); Refresh, CreatePermission and ChannelBind are validated here and carried out by the
/// allocation's actor, which answers. Send indications and ChannelData are relayed right here without allocating.
/// Partial files: <c>TurnRequestHandler.Allocate.cs</c>, <c>TurnRequestHandler.Data.cs</c>.
/// </summary>
internal sealed partial class TurnRequestHandler : IStunDataPlane
{
    /// <summary>IANA protocol number of UDP, the only REQUESTED-TRANSPORT served (RFC 8656 §7.2).</summary>
    private const byte ProtocolUdp = 17;

    private readonly TurnServices services;
    private readonly LongTermAuthenticator authenticator;
    private readonly PeerAddressPolicy policy;
    private readonly TurnLogLimiter refusals;
    private long nextId;

    public TurnRequestHandler(TurnServices services, LongTermAuthenticator authenticator, PeerAddressPolicy policy)
    {
        this.services = services;
        this.authenticator = authenticator;
        this.policy = policy;
        refusals = new TurnLogLimiter(services.Log, perSecond: 20);
    }

    /// <summary>The handlers to register with the dispatcher.</summary>
    public IEnumerable<IStunMethodHandler> MethodHandlers =>
    [
        new TurnMethodHandler(StunMethod.Allocate, this),
        new TurnMethodHandler(StunMethod.Refresh, this),
        new TurnMethodHandler(StunMethod.CreatePermission, this),
        new TurnMethodHandler(StunMethod.ChannelBind, this),
        new TurnMethodHandler(StunMethod.Send, this),
    ];

    private string Software => services.Software;

    public int Handle(in StunRequestContext context, Span<byte> response)
    {
        var request = context.Message;
        if (request.Method == StunMethod.Send)
        {
            if (request.Class == StunClass.Indication)
            {
                OnSendIndication(in context);
                return 0;
            }

            return request.Class == StunClass.Request ? Reject(response, in request, StunErrorCodes.BadRequest, "Send is an indication") : 0;
        }

        if (request.Class != StunClass.Request)
        {
            return 0; // RFC 8656 §4: only Send may be sent as an indication by a client.
        }

        if (!request.HasMagicCookie)
        {
            return Reject(response, in request, StunErrorCodes.BadRequest, "TURN needs an RFC 5389 client");
        }

        var clientIp = new IPAddress(context.ClientAddress);
        var auth = authenticator.Authenticate(in request, clientIp);
        if (!auth.IsAccepted)
        {
            return Challenge(in context, in auth, clientIp, response);
        }

        var tuple = TurnFiveTuple.From(context.ClientAddress, context.ClientPort, context.Transport);
        var existing = services.Table.Find(tuple);
        var sha256 = request.HasMessageIntegritySha256;
        if (existing is not null && !string.Equals(existing.Username, auth.Username, StringComparison.Ordinal))
        {
            // RFC 8656 §5: a request on an allocation's 5-tuple with other credentials.
            refusals.Write(LogEventLevel.Warning, "TURN {Method} from {Client} refused: user {User} is not the owner {Owner} of {Allocation}",
                request.Method, tuple, auth.Username, existing.Username, existing.RelayedAddress);
            return RejectSigned(response, in request, StunErrorCodes.WrongCredentials, null, auth.Key!, sha256);
        }

        if (request.Method == StunMethod.Allocate)
        {
            return Allocate(in context, in auth, tuple, existing, response);
        }

        if (existing is null)
        {
            return RejectSigned(response, in request, StunErrorCodes.AllocationMismatch, "No allocation for this 5-tuple", auth.Key!, sha256);
        }

        return request.Method switch
        {
            StunMethod.Refresh => Refresh(in request, auth.Key!, existing, response),
            StunMethod.CreatePermission => CreatePermission(in request, auth.Key!, existing, response),
            StunMethod.ChannelBind => ChannelBind(in request, auth.Key!, existing, response),
            _ => Reject(response, in request, StunErrorCodes.BadRequest, "Unknown method"),
        };
    }

    /// <summary>RFC 8656 §7.3: validated here, carried out by the actor.</summary>
    private int Refresh(in StunMessage request, byte[] key, TurnAllocation allocation, Span<byte> response)
    {
        var sha256 = request.HasMessageIntegritySha256;
        uint? lifetime = null;
        if (request.TryGetAttribute(StunAttributeType.Lifetime, out var value))
        {
            if (!StunAttributeDecoder.TryReadUInt32(value, out var seconds))
            {
                return RejectSigned(response, in request, StunErrorCodes.BadRequest, "Malformed LIFETIME", key, sha256);
            }

            lifetime = seconds;
        }

        if (request.TryGetAttribute(StunAttributeType.RequestedAddressFamily, out var family)
            && (family.Length != 4 || FamilyOf(family[0]) != services.RelayFamily))
        {
            return RejectSigned(response, in request, StunErrorCodes.PeerAddressFamilyMismatch, null, key, sha256);
        }

        services.Deliver(allocation, new TurnRefresh(request.TransactionId.ToArray(), key, sha256, lifetime));
        return 0;
    }

    /// <summary>RFC 8656 §9.2: every XOR-PEER-ADDRESS must be well formed, of the relay's family and allowed, or nothing is installed.</summary>
    private int CreatePermission(in StunMessage request, byte[] key, TurnAllocation allocation, Span<byte> response)
    {
        var sha256 = request.HasMessageIntegritySha256;
        var peers = new List<UInt128>();
        foreach (var attribute in request.Attributes)
        {
            if (attribute.Type != (ushort)StunAttributeType.XorPeerAddress)
            {
                continue;
            }

            var code = CheckPeer(attribute.Value, in request, out var peer, out var reason);
            if (code != 0)
            {
                return RejectPeer(response, in request, code, reason, key, sha256, allocation);
            }

            peers.Add(peer.Address);
        }

        if (peers.Count == 0)
        {
            return RejectSigned(response, in request, StunErrorCodes.BadRequest, "XOR-PEER-ADDRESS missing", key, sha256);
        }

        services.Deliver(allocation, new TurnCreatePermission(request.TransactionId.ToArray(), key, sha256, peers.ToArray()));
        return 0;
    }

    /// <summary>
    /// RFC 8656 §12.2: channel number in 0x4000-0x4FFF (0x7FFF for RFC 5766 clients when allowed) and an allowed
    /// peer; conflicts with existing bindings are judged by the actor.
    /// </summary>
    private int ChannelBind(in StunMessage request, byte[] key, TurnAllocation allocation, Span<byte> response)
    {
        var sha256 = request.HasMessageIntegritySha256;
        if (!request.TryGetAttribute(StunAttributeType.ChannelNumber, out var number)
            || !StunAttributeDecoder.TryReadChannelNumber(number, out var channel)
            || !ChannelData.IsValidChannelNumber(channel, services.Settings.Rfc5766Channels))
        {
            return RejectSigned(response, in request, StunErrorCodes.BadRequest, "CHANNEL-NUMBER missing or out of range", key, sha256);
        }

        if (!request.TryGetAttribute(StunAttributeType.XorPeerAddress, out var value))
        {
            return RejectSigned(response, in request, StunErrorCodes.BadRequest, "XOR-PEER-ADDRESS missing", key, sha256);
        }

        var code = CheckPeer(value, in request, out var peer, out var reason);
        if (code != 0)
        {
            return RejectPeer(response, in request, code, reason, key, sha256, allocation);
        }

        services.Deliver(allocation, new TurnChannelBind(request.TransactionId.ToArray(), key, sha256, channel, peer));
        return 0;
    }

    /// <summary>0 when the peer may be used; else 400 (malformed), 443 (family) or 403 (policy).</summary>
    private int CheckPeer(ReadOnlySpan<byte> value, in StunMessage request, out TurnPeerAddress peer, out string reason)
    {
        reason = string.Empty;
        if (!TurnAddress.TryReadXorAddress(value, request.CookieAndTransactionId, out peer))
        {
            reason = "Malformed XOR-PEER-ADDRESS";
            return StunErrorCodes.BadRequest;
        }

        if (TurnAddress.IsIPv4(peer.Address) != (services.RelayFamily == AddressFamily.InterNetwork))
        {
            reason = "Peer address family differs from the relayed address";
            return StunErrorCodes.PeerAddressFamilyMismatch;
        }

        var decision = policy.Evaluate(TurnAddress.ToIPAddress(peer.Address));
        if (!decision.Allowed)
        {
            reason = decision.Reason;
            return StunErrorCodes.Forbidden;
        }

        return 0;
    }

    private int RejectPeer(Span<byte> response, in StunMessage request, int code, string reason, byte[] key, bool sha256, TurnAllocation allocation)
    {
        if (code == StunErrorCodes.Forbidden)
        {
            refusals.Write(LogEventLevel.Information, "TURN {Method} on {Allocation} refused (403): peer {Reason}", request.Method, allocation, reason);
            return RejectSigned(response, in request, code, null, key, sha256);
        }

        return RejectSigned(response, in request, code, reason, key, sha256);
    }

    /// <summary>401 / 438 / 400 from the authenticator, with REALM and a fresh NONCE where the RFC wants them.</summary>
    private int Challenge(in StunRequestContext context, in AuthenticationResult auth, IPAddress clientIp, Span<byte> response)
    {
        var request = context.Message;
        services.Counters.OnRejected(auth.ErrorCode, auth.Rejection);
        var level = auth.Outcome switch
        {
            AuthenticationOutcome.Unauthorized when auth.Rejection == CredentialRejection.None => LogEventLevel.Debug,
            AuthenticationOutcome.StaleNonce => LogEventLevel.Debug,
            AuthenticationOutcome.Unauthorized when auth.Rejection is CredentialRejection.Expired or CredentialRejection.MissingUsername => LogEventLevel.Information,
            AuthenticationOutcome.Unauthorized => LogEventLevel.Warning,
            _ => LogEventLevel.Information,
        };
        refusals.Write(level, "TURN {Method} from {Client} refused ({Code}): {Reason} (user {User})",
            request.Method, TurnFiveTuple.From(context.ClientAddress, context.ClientPort, context.Transport), auth.ErrorCode, auth.Reason, auth.Username);
        var writer = StunResponses.Begin(response, in request, StunClass.ErrorResponse);
        authenticator.WriteChallenge(ref writer, in auth, clientIp);
        StunResponses.Finish(ref writer, in request, Software);
        return writer.Length;
    }

    /// <summary>An unsigned error (the request was not authenticated).</summary>
    private int Reject(Span<byte> response, in StunMessage request, int code, string reason)
    {
        services.Counters.OnRejected(code);
        return StunResponses.WriteError(response, in request, code, Software, reason);
    }

    /// <summary>An error to an authenticated request, signed with its key (RFC 8489 §9.2.4).</summary>
    private int RejectSigned(Span<byte> response, in StunMessage request, int code, string? reason, byte[] key, bool sha256)
    {
        services.Counters.OnRejected(code);
        return TurnResponses.WriteError(response, request.Method, request.TransactionId, code, reason, Software, key, sha256);
    }

    private static AddressFamily FamilyOf(byte family) => family switch
    {
        (byte)StunAddressFamily.IPv4 => AddressFamily.InterNetwork,
        (byte)StunAddressFamily.IPv6 => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unknown,
    };
}
