using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Server;
using Cluster.Edges.Turn.Stun;
using Serilog;

namespace Cluster.Edges.Turn.Allocations;

/// <summary>
/// The relayed transport address of one allocation: a UDP socket and its receive loop. A peer's datagram is read
/// into one pooled buffer behind <see cref="Headroom"/> free bytes, so the ChannelData header (RFC 8656 §12.4) or
/// the Data indication header (§11.4) is written in front of it in place and the same bytes go to the client: no
/// copy and no allocation per datagram. Datagrams from peer IPs without a permission are dropped (§9, §11.4).
/// </summary>
internal sealed class TurnRelay : IDisposable
{
    /// <summary>Largest header put in front of relayed data: STUN header + XOR-PEER-ADDRESS (IPv6) + DATA header.</summary>
    internal const int Headroom = StunConstants.HeaderLength + 4 + 20 + 4;

    /// <summary>Room behind the data for padding to four bytes (STUN attributes, ChannelData over TCP).</summary>
    private const int Trailer = 4;

    private static readonly ushort DataIndicationType = StunMessageType.Encode(StunMethod.Data, StunClass.Indication);

    private readonly Socket socket;
    private readonly int maxDatagram;
    private readonly TurnCounters counters;
    private readonly ILogger log;
    private TurnAllocation? allocation;
    private Task loop = Task.CompletedTask;

    private TurnRelay(Socket socket, int maxDatagram, TurnCounters counters, ILogger log)
    {
        this.socket = socket;
        this.maxDatagram = maxDatagram;
        this.counters = counters;
        this.log = log;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public AddressFamily Family => socket.AddressFamily;

    /// <summary>Binds a UDP socket on <paramref name="address"/>:<paramref name="port"/>; null when the port is taken.</summary>
    public static TurnRelay? TryBind(IPAddress address, int port, bool dontFragment, int maxDatagram, TurnCounters counters, ILogger log)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            if (dontFragment && address.AddressFamily == AddressFamily.InterNetwork)
            {
                // RFC 8656 §7.2 / §18.9: DONT-FRAGMENT asks for the DF bit on datagrams sent to peers.
                socket.DontFragment = true;
            }

            return new TurnRelay(socket, maxDatagram, counters, log);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts relaying peer datagrams to <paramref name="owner"/>'s client.</summary>
    public void Start(TurnAllocation owner)
    {
        allocation = owner;
        loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Data path: sends client data to a peer. False when the send failed.</summary>
    public bool SendTo(ReadOnlySpan<byte> data, SocketAddress peer)
    {
        try
        {
            return socket.SendTo(data, SocketFlags.None, peer) == data.Length;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Closes the socket; the loop ends and returns its buffer.</summary>
    public void Dispose() => socket.Dispose();

    /// <summary>Completes when the receive loop has ended (after <see cref="Dispose"/>).</summary>
    public Task Completion => loop;

    private async Task ReceiveLoopAsync()
    {
        var owner = allocation!;
        var buffer = ArrayPool<byte>.Shared.Rent(Headroom + maxDatagram + Trailer);
        var remote = new SocketAddress(socket.AddressFamily);
        var stream = owner.ClientChannel.Transport != StunTransport.Udp;
        try
        {
            while (true)
            {
                int received;
                try
                {
                    received = await socket.ReceiveFromAsync(buffer.AsMemory(Headroom, maxDatagram), SocketFlags.None, remote).ConfigureAwait(false);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.ConnectionRefused)
                {
                    // ICMP errors from a peer, or a datagram larger than uc.turn.relay.max-datagram.
                    counters.OnDroppedOther();
                    owner.Counters.OnDropped();
                    continue;
                }

                Relay(owner, buffer, received, remote, stream);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.OperationAborted)
        {
        }
        catch (Exception ex)
        {
            log.Error(ex, "TURN relay loop of {Allocation} failed", owner);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Relay(TurnAllocation owner, byte[] buffer, int length, SocketAddress remote, bool stream)
    {
        if (!TurnAddress.TryRead(remote, out var peer))
        {
            counters.OnDroppedOther();
            return;
        }

        if (!owner.HasPermission(peer.Address))
        {
            // RFC 8656 §11.4 / §12.6: data from a peer without a permission is discarded silently.
            counters.OnDroppedNoPermission();
            owner.Counters.OnDropped();
            return;
        }

        ReadOnlySpan<byte> message;
        if (owner.FindChannel(peer) is { } binding)
        {
            var start = Headroom - ChannelData.HeaderLength;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(start), binding.Channel);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(start + 2), (ushort)length);
            var total = ChannelData.HeaderLength + length;
            if (stream)
            {
                // RFC 8656 §12.5: over TCP the ChannelData message is padded to a multiple of four.
                var padded = (total + 3) & ~3;
                buffer.AsSpan(start + total, padded - total).Clear();
                total = padded;
            }

            message = buffer.AsSpan(start, total);
        }
        else
        {
            message = WriteDataIndication(buffer, length, peer);
        }

        if (owner.ClientChannel.Send(message))
        {
            counters.OnToClient(length);
            owner.Counters.OnToClient(length);
        }
        else
        {
            counters.OnDroppedOther();
            owner.Counters.OnDropped();
        }
    }

    /// <summary>RFC 8656 §11.4: Data indication with XOR-PEER-ADDRESS and DATA, built in front of the data.</summary>
    private static ReadOnlySpan<byte> WriteDataIndication(byte[] buffer, int length, TurnPeerAddress peer)
    {
        var ipv4 = TurnAddress.IsIPv4(peer.Address);
        var addressLength = ipv4 ? 4 : 16;
        var start = Headroom - (StunConstants.HeaderLength + 4 + 4 + addressLength + 4);
        var padded = (length + 3) & ~3;
        buffer.AsSpan(Headroom + length, padded - length).Clear();
        var message = buffer.AsSpan(start);
        var total = Headroom - start + padded;
        BinaryPrimitives.WriteUInt16BigEndian(message, DataIndicationType);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], (ushort)(total - StunConstants.HeaderLength));
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], StunConstants.MagicCookie);
        Random.Shared.NextBytes(message.Slice(8, StunConstants.TransactionIdLength));

        var attribute = message[StunConstants.HeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(attribute, (ushort)StunAttributeType.XorPeerAddress);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], (ushort)(4 + addressLength));
        attribute[4] = 0;
        attribute[5] = (byte)(ipv4 ? StunAddressFamily.IPv4 : StunAddressFamily.IPv6);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[6..], (ushort)(peer.Port ^ (StunConstants.MagicCookie >> 16)));
        var address = attribute.Slice(8, addressLength);
        TurnAddress.WriteBytes(peer.Address, address);
        var mask = message.Slice(4, addressLength);
        for (var i = 0; i < addressLength; i++)
        {
            address[i] ^= mask[i];
        }

        var data = attribute[(8 + addressLength)..];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)StunAttributeType.Data);
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], (ushort)length);
        return message[..total];
    }
}
