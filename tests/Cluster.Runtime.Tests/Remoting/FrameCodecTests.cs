using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Tests.Remoting;

public class FrameCodecTests
{
    private static byte[] EncodeMessage(FrameKind kind, string recipient, string? sender, string manifest, byte[] payload)
    {
        var buffer = new byte[FrameCodec.MaxMessageHeaderSize(recipient, sender, manifest) + payload.Length];
        var start = FrameCodec.WriteMessageHeader(buffer, kind, recipient, sender, manifest);
        payload.CopyTo(buffer, start);
        FrameCodec.WriteLengthPrefix(buffer, start + payload.Length);
        return buffer[..(start + payload.Length)];
    }

    [Fact]
    public void Message_frame_round_trips_with_layout_from_the_docs()
    {
        var frame = EncodeMessage(FrameKind.UserMessage, "/user/alice", "/user/bob", "chat.v1", [1, 2, 3]);

        Assert.Equal((uint)(frame.Length - 4), BinaryPrimitives.ReadUInt32BigEndian(frame));
        Assert.Equal((byte)FrameKind.UserMessage, frame[4]);
        Assert.Equal(11, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(5)));

        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.Equal(FrameReadStatus.Complete, FrameParser.TryReadFrame(ref buffer, 1024, out var kind, out var body, out _));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(FrameKind.UserMessage, kind);
        Assert.True(FrameParser.TryParseMessage(body, out var recipient, out var sender, out var manifest, out var payload));
        Assert.Equal("/user/alice", Encoding.UTF8.GetString(recipient));
        Assert.Equal("/user/bob", Encoding.UTF8.GetString(sender));
        Assert.Equal("chat.v1", Encoding.UTF8.GetString(manifest));
        Assert.Equal([1, 2, 3], payload.ToArray());
    }

    [Fact]
    public void Every_prefix_of_a_frame_is_incomplete_and_consumes_nothing()
    {
        var frame = EncodeMessage(FrameKind.SystemMessage, "/system/watch", null, "w", new byte[40]);
        for (var length = 0; length < frame.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(frame, 0, length);
            Assert.Equal(FrameReadStatus.Incomplete, FrameParser.TryReadFrame(ref buffer, 1024, out _, out _, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void Frame_split_across_segments_parses()
    {
        var frame = EncodeMessage(FrameKind.UserMessage, "/user/über", "/user/x", "m", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        var first = new Segment(frame.AsMemory(0, 3));
        var last = first.Append(frame.AsMemory(3, 9)).Append(frame.AsMemory(12));
        var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.Equal(FrameReadStatus.Complete, FrameParser.TryReadFrame(ref buffer, 1024, out _, out var body, out _));
        Assert.True(FrameParser.TryParseMessage(body, out var recipient, out _, out _, out var payload));
        Assert.True(new Utf8StringCache().TryGet(recipient, out var text));
        Assert.Equal("/user/über", text);
        Assert.Equal(100, payload.Length);
    }

    [Fact]
    public void Oversized_length_is_reported_from_the_prefix_alone()
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, 10_000);
        var buffer = new ReadOnlySequence<byte>(prefix);
        Assert.Equal(FrameReadStatus.Oversized, FrameParser.TryReadFrame(ref buffer, 1024, out _, out _, out var declared));
        Assert.Equal(10_000, declared);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 2 })]
    [InlineData(new byte[] { 0, 0, 0, 1, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 1, 99 })]
    public void Zero_length_or_unknown_kind_is_malformed(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Malformed, FrameParser.TryReadFrame(ref buffer, 1024, out _, out _, out _));
    }

    [Fact]
    public void Message_body_with_string_longer_than_body_is_rejected()
    {
        var body = new byte[] { 0, 50, (byte)'/', (byte)'a' };
        Assert.False(FrameParser.TryParseMessage(new ReadOnlySequence<byte>(body), out _, out _, out _, out _));
    }

    [Fact]
    public void Message_without_recipient_is_rejected()
    {
        var body = new byte[] { 0, 0, 0, 0, 0, 0 };
        Assert.False(FrameParser.TryParseMessage(new ReadOnlySequence<byte>(body), out _, out _, out _, out _));
    }

    [Fact]
    public void Handshake_round_trips()
    {
        var sent = new HandshakeFrame(HandshakePhase.Reject, HandshakeRejectReason.SystemNameMismatch, "uc", new NodeAddress("node-a", 4053), 42);
        var buffer = new ReadOnlySequence<byte>(FrameCodec.EncodeHandshake(sent));
        Assert.Equal(FrameReadStatus.Complete, FrameParser.TryReadFrame(ref buffer, 1024, out var kind, out var body, out _));
        Assert.Equal(FrameKind.Handshake, kind);
        Assert.True(FrameParser.TryParseHandshake(body, out var received, out _));
        Assert.Equal(sent, received);
    }

    [Fact]
    public void Handshake_with_wrong_magic_is_rejected()
    {
        var frame = FrameCodec.EncodeHandshake(new HandshakeFrame(HandshakePhase.Request, HandshakeRejectReason.None, "uc", new NodeAddress("a", 1), 1));
        frame[5] ^= 0xFF;
        var buffer = new ReadOnlySequence<byte>(frame);
        FrameParser.TryReadFrame(ref buffer, 1024, out _, out var body, out _);
        Assert.False(FrameParser.TryParseHandshake(body, out _, out var problem));
        Assert.Equal("bad magic", problem);
    }

    [Fact]
    public void Heartbeat_and_close_frames_round_trip()
    {
        var bytes = new byte[FrameCodec.HeartbeatFrameSize + FrameCodec.CloseFrameSize];
        var n = FrameCodec.WriteHeartbeat(bytes, FrameKind.HeartbeatAck, 77);
        FrameCodec.WriteClose(bytes.AsSpan(n), CloseReason.Shutdown);
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.Equal(FrameReadStatus.Complete, FrameParser.TryReadFrame(ref buffer, 1024, out var kind, out var body, out _));
        Assert.Equal(FrameKind.HeartbeatAck, kind);
        Assert.True(FrameParser.TryParseSequence(body, out var sequence));
        Assert.Equal(77, sequence);
        Assert.Equal(FrameReadStatus.Complete, FrameParser.TryReadFrame(ref buffer, 1024, out kind, out body, out _));
        Assert.Equal(FrameKind.Close, kind);
        Assert.True(FrameParser.TryParseClose(body, out var reason));
        Assert.Equal(CloseReason.Shutdown, reason);
    }

    [Fact]
    public void String_cache_returns_the_same_instance_and_rejects_invalid_utf8()
    {
        var cache = new Utf8StringCache();
        var bytes = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("/user/alice"));
        Assert.True(cache.TryGet(bytes, out var first));
        Assert.True(cache.TryGet(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("/user/alice")), out var second));
        Assert.Same(first, second);
        Assert.False(cache.TryGet(new ReadOnlySequence<byte>([0xC3, 0x28]), out _));
    }

    [Fact]
    public void Empty_recipient_and_empty_sender_are_refused_with_a_clear_error()
    {
        Assert.Throws<ArgumentException>(() => FrameCodec.ValidateMessageStrings("", null, "m"));
        Assert.Throws<ArgumentException>(() => FrameCodec.ValidateMessageStrings("/a", "", "m"));
        Assert.Throws<ArgumentException>(() => FrameCodec.ValidateMessageStrings(new string('x', 70_000), null, "m"));
    }

    [Fact]
    public void Node_address_parses_and_orders_deterministically()
    {
        Assert.Equal(new NodeAddress("10.0.0.1", 4053), NodeAddress.Parse("10.0.0.1:4053"));
        Assert.Equal(new NodeAddress("::1", 4053), NodeAddress.Parse("[::1]:4053"));
        Assert.Equal("[::1]:4053", new NodeAddress("::1", 4053).ToString());
        Assert.Throws<FormatException>(() => NodeAddress.Parse("host"));
        Assert.Throws<FormatException>(() => NodeAddress.Parse("host:0"));
        Assert.True(new NodeAddress("a", 2) < new NodeAddress("b", 1));
        Assert.True(new NodeAddress("a", 1) < new NodeAddress("a", 2));
    }

    [Fact]
    public void Settings_with_pause_not_longer_than_interval_are_refused_naming_the_key()
    {
        var bad = new RemotingSettings { HeartbeatInterval = TimeSpan.FromSeconds(2), AcceptableHeartbeatPause = TimeSpan.FromSeconds(1) };
        var error = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Contains("uc.remote.acceptable-heartbeat-pause", error.Message);
        Assert.Same(RemotingSettings.Default, RemotingSettings.Default.Validate());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
