using System.Buffers;
using Cluster.Edges.Turn.Channels;

namespace Cluster.Edges.Tests.Turn.Channels;

public sealed class StunStreamFramerTests
{
    private static readonly byte[] Channel = Hex.Bytes("40 02 00 05 68 65 6c 6c 6f 00 00 00");

    /// <summary>A STUN message, a padded ChannelData message and an empty ChannelData message back to back.</summary>
    private static byte[] Stream() => [.. Rfc5769.SampleRequest, .. Channel, .. Hex.Bytes("40 03 00 00")];

    [Fact]
    public void Back_to_back_frames_are_cut_at_their_boundaries()
    {
        var stream = Stream();
        var frames = new List<(StreamFrameKind, int)>();
        var offset = 0;
        while (StunStreamFramer.TryGetFrame(stream.AsSpan(offset), out var kind, out var length) == StreamFrameStatus.Complete)
        {
            frames.Add((kind, length));
            offset += length;
        }

        Assert.Equal([(StreamFrameKind.Stun, Rfc5769.SampleRequest.Length), (StreamFrameKind.ChannelData, 12), (StreamFrameKind.ChannelData, 4)], frames);
        Assert.Equal(stream.Length, offset);
    }

    [Fact]
    public void Every_prefix_of_a_frame_asks_for_more_bytes_and_never_completes_early()
    {
        foreach (var frame in new[] { Rfc5769.SampleRequest, Channel })
        {
            for (var cut = 0; cut < frame.Length; cut++)
            {
                var status = StunStreamFramer.TryGetFrame(frame.AsSpan(0, cut), out _, out _);
                Assert.True(status == StreamFrameStatus.NeedMoreData, $"prefix of {cut}/{frame.Length} bytes gave {status}, expected NeedMoreData");
            }

            Assert.Equal(StreamFrameStatus.Complete, StunStreamFramer.TryGetFrame(frame, out _, out var length));
            Assert.Equal(frame.Length, length);
        }
    }

    [Fact]
    public void Stream_fed_one_byte_at_a_time_yields_the_same_frames()
    {
        var stream = Stream();
        var pending = new List<byte>();
        var lengths = new List<int>();
        foreach (var b in stream)
        {
            pending.Add(b);
            while (StunStreamFramer.TryGetFrame(pending.ToArray(), out _, out var length) == StreamFrameStatus.Complete)
            {
                lengths.Add(length);
                pending.RemoveRange(0, length);
            }
        }

        Assert.Equal([Rfc5769.SampleRequest.Length, 12, 4], lengths);
        Assert.Empty(pending);
    }

    [Fact]
    public void Multi_segment_sequence_frames_like_a_contiguous_span()
    {
        var stream = Stream();
        for (var split = 1; split < stream.Length; split++)
        {
            var sequence = Segments(stream[..split], stream[split..]);
            Assert.Equal(StreamFrameStatus.Complete, StunStreamFramer.TryGetFrame(sequence, out var kind, out var length));
            Assert.Equal((StreamFrameKind.Stun, Rfc5769.SampleRequest.Length), (kind, length));
            var partial = Segments(stream[..Math.Min(split, 7)], stream[Math.Min(split, 7)..Math.Min(split + 3, 50)]);
            Assert.Equal(StreamFrameStatus.NeedMoreData, StunStreamFramer.TryGetFrame(partial, out _, out _));
        }
    }

    [Theory]
    [InlineData("80 00 00 00 00 00 00 00")] // first bits 10
    [InlineData("c0 00 00 00")] // first bits 11
    [InlineData("00 01 00 02 21 12 a4 42")] // STUN length not a multiple of 4
    [InlineData("00 01 00 00 11 22 33 44")] // no magic cookie on a stream
    [InlineData("50 00 00 04")] // reserved channel number
    public void Bytes_that_cannot_start_a_frame_are_invalid(string dump)
    {
        Assert.Equal(StreamFrameStatus.Invalid, StunStreamFramer.TryGetFrame(Hex.Bytes(dump), out _, out _));
    }

    [Fact]
    public void Frame_above_the_limit_is_invalid_before_it_is_buffered()
    {
        Assert.Equal(StreamFrameStatus.Invalid, StunStreamFramer.TryGetFrame(Hex.Bytes("00 01 ff fc 21 12 a4 42"), out _, out _, maxFrameLength: 8192));
    }

    private static ReadOnlySequence<byte> Segments(byte[] first, byte[] second)
    {
        if (second.Length == 0)
        {
            return new ReadOnlySequence<byte>(first);
        }

        var head = new Segment(first, 0);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
