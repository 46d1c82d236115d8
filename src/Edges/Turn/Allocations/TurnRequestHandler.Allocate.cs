using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Auth;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>Allocate (RFC 8656 §7.2), in the RFC's order of checks.</summary>
internal sealed partial class TurnRequestHandler
{
    /// <summary>Ports tried when binding fails because another process holds the port.</summary>
    private const int BindAttempts = 16;

    private int Allocate(in StunRequestContext context, in AuthenticationResult auth, TurnFiveTuple tuple, TurnAllocation? existing, Span<byte> response)
    {
        var request = context.Message;
        var key = auth.Key!;
        var sha256 = request.HasMessageIntegritySha256;

        // Step 2: the 5-tuple is taken. A retransmission of the request that made it gets the same answer.
        if (existing is not null)
        {
            if (existing.AllocateResponse.Matches(request.TransactionId))
            {
                existing.AllocateResponse.Response.CopyTo(response);
                return existing.AllocateResponse.Response.Length;
            }

            return RejectSigned(response, in request, StunErrorCodes.AllocationMismatch, null, key, sha256);
        }

        // Step 3: REQUESTED-TRANSPORT.
        if (!request.TryGetAttribute(StunAttributeType.RequestedTransport, out var transport)
            || !StunAttributeDecoder.TryReadRequestedTransport(transport, out var protocol))
        {
            return RejectSigned(response, in request, StunErrorCodes.BadRequest, "REQUESTED-TRANSPORT missing or malformed", key, sha256);
        }

        if (protocol != ProtocolUdp)
        {
            return RejectSigned(response, in request, StunErrorCodes.UnsupportedTransportProtocol, null, key, sha256);
        }

        // Step 4: DONT-FRAGMENT is supported (the DF bit on the relay socket).
        var dontFragment = request.HasAttribute(StunAttributeType.DontFragment);

        // Steps 5-6: RESERVATION-TOKEN, EVEN-PORT and the address families exclude each other in these ways.
        var hasToken = request.TryGetAttribute(StunAttributeType.ReservationToken, out var tokenValue);
        var hasEven = request.TryGetAttribute(StunAttributeType.EvenPort, out var evenValue);
        var hasFamily = request.TryGetAttribute(StunAttributeType.RequestedAddressFamily, out var familyValue);
        var hasAdditional = request.TryGetAttribute(StunAttributeType.AdditionalAddressFamily, out var additionalValue);
        var reserveNext = false;
        if ((hasToken && tokenValue.Length != 8) || (hasEven && !StunAttributeDecoder.TryReadEvenPort(evenValue, out reserveNext))
            || (hasFamily && familyValue.Length != 4) || (hasAdditional && additionalValue.Length != 4))
        {
            return RejectSigned(response, in request, StunErrorCodes.BadRequest, "Malformed attribute", key, sha256);
        }

        if ((hasToken && (hasEven || hasFamily || hasAdditional)) || (hasFamily && hasAdditional)
            || (hasAdditional && additionalValue[0] != (byte)StunAddressFamily.IPv6))
        {
            return RejectSigned(response, in request, StunErrorCodes.BadRequest, "Conflicting allocation attributes", key, sha256);
        }

        var requestedFamily = hasFamily ? FamilyOf(familyValue[0]) : AddressFamily.InterNetwork;
        if (requestedFamily != services.RelayFamily)
        {
            return RejectSigned(response, in request, StunErrorCodes.AddressFamilyNotSupported, null, key, sha256);
        }

        uint? requestedLifetime = null;
        if (request.TryGetAttribute(StunAttributeType.Lifetime, out var lifetimeValue))
        {
            if (!StunAttributeDecoder.TryReadUInt32(lifetimeValue, out var seconds))
            {
                return RejectSigned(response, in request, StunErrorCodes.BadRequest, "Malformed LIFETIME", key, sha256);
            }

            requestedLifetime = seconds;
        }

        if (context.Channel is not { } channel)
        {
            return RejectSigned(response, in request, StunErrorCodes.ServerError, "No way back to the client", key, sha256);
        }

        // Step 7: quota.
        var username = auth.Username!;
        var quotaUser = QuotaUserOf(username);
        if (!services.Table.TryReserve(quotaUser))
        {
            refusals.Write(Serilog.Events.LogEventLevel.Information, "TURN Allocate from {Client} refused (486): user {User} or the server is at its allocation quota",
                tuple, quotaUser);
            return RejectSigned(response, in request, StunErrorCodes.AllocationQuotaReached, null, key, sha256);
        }

        var relay = BindRelay(hasToken ? BinaryPrimitives.ReadUInt64BigEndian(tokenValue) : null, hasEven, reserveNext, dontFragment, out var reservationToken);
        if (relay is null)
        {
            services.Table.Release(quotaUser);
            refusals.Write(Serilog.Events.LogEventLevel.Warning, "TURN Allocate from {Client} refused (508): no relay port free in {Min}-{Max}",
                tuple, services.Settings.RelayPortMin, services.Settings.RelayPortMax);
            return RejectSigned(response, in request, StunErrorCodes.InsufficientCapacity, null, key, sha256);
        }

        var lifetime = TurnLifetimes.Desired(requestedLifetime, services.Settings);
        var relayed = new IPEndPoint(services.RelayAdvertisedAddress, relay.LocalEndPoint.Port);
        var writer = new StunMessageWriter(response, StunMethod.Allocate, StunClass.SuccessResponse, request.TransactionId);
        writer.AddXorAddress(StunAttributeType.XorRelayedAddress, relayed.Address, relayed.Port);
        writer.AddLifetime((uint)lifetime.TotalSeconds);
        if (reservationToken is { } token)
        {
            writer.AddReservationToken(token);
        }

        writer.AddAddress(StunAttributeType.XorMappedAddress, context.ClientAddress, context.ClientPort, xor: true);
        if (hasAdditional)
        {
            // RFC 8656 §7.2: a dual allocation this server cannot make is reported, the IPv4 one still succeeds.
            writer.AddAddressErrorCode(StunAddressFamily.IPv6, StunErrorCodes.AddressFamilyNotSupported);
        }

        var length = TurnResponses.Finish(ref writer, Software, key, sha256);
        var now = services.Clock.GetUtcNow();
        var allocation = new TurnAllocation(Interlocked.Increment(ref nextId), tuple, username, quotaUser, channel.Pin(), relay, relayed,
            now, now + lifetime, new TurnCachedResponse(request.TransactionId, response[..length]));
        if (!services.Table.TryAdd(allocation))
        {
            // Another loop created an allocation for this 5-tuple a moment ago.
            relay.Dispose();
            services.Ports.Return(relay.LocalEndPoint.Port);
            services.Table.Release(quotaUser);
            return RejectSigned(response, in request, StunErrorCodes.AllocationMismatch, null, key, sha256);
        }

        relay.Start(allocation);
        services.Counters.OnAllocationCreated();
        services.Manager.Tell(new TurnStartAllocation(allocation, lifetime), null);
        services.Log.Information("TURN allocation {Relayed} for {User} from {Client}, lifetime {Lifetime}s", relayed, username, tuple, (int)lifetime.TotalSeconds);
        return length;
    }

    /// <summary>Takes a port (by token, as an even pair, even, or any) and binds the relay socket; null = 508.</summary>
    private TurnRelay? BindRelay(ulong? token, bool even, bool reserveNext, bool dontFragment, out ulong? reservationToken)
    {
        reservationToken = null;
        var ports = services.Ports;
        if (token is { } claimed)
        {
            return ports.TryClaim(claimed, out var port) ? BindOrReturn(port, dontFragment) : null;
        }

        if (even && reserveNext)
        {
            if (!ports.TryRentEvenPair(out var port, out var newToken))
            {
                return null;
            }

            var relay = BindOrReturn(port, dontFragment);
            if (relay is null)
            {
                if (ports.TryClaim(newToken, out var reserved))
                {
                    ports.Return(reserved);
                }

                return null;
            }

            reservationToken = newToken;
            return relay;
        }

        for (var attempt = 0; attempt < BindAttempts; attempt++)
        {
            if (!ports.TryRent(even, out var port))
            {
                return null;
            }

            if (BindOrReturn(port, dontFragment) is { } relay)
            {
                return relay;
            }
        }

        return null;
    }

    private TurnRelay? BindOrReturn(int port, bool dontFragment)
    {
        var relay = TurnRelay.TryBind(services.RelayBindAddress, port, dontFragment, services.Settings.RelayMaxDatagram, services.Counters, services.Log);
        if (relay is null)
        {
            services.Ports.Return(port);
        }

        return relay;
    }

    /// <summary>The user a quota counts against: the id inside a REST username (<c>expiry:user</c>), else the username.</summary>
    private string QuotaUserOf(string username)
    {
        var separator = username.IndexOf(services.Settings.RestSeparator);
        return separator > 0 && separator < username.Length - 1 && long.TryParse(username.AsSpan(0, separator), out _)
            ? username[(separator + 1)..]
            : username;
    }
}
