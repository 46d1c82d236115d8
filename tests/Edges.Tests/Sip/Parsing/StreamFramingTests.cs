using System.Buffers;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>Stream framing: Content-Length bodies, partial input, keep-alives, segmented pipe buffers.</summary>
public sealed class StreamFramingTests
{
    public static TheoryData<string> Samples => new() { "Register", "Invite", "wsinv", "mpart01", "longreq", "intmeth" };

    private static byte[] Sample(string name) => name switch
    {
        "Register" => SampleMessages.Register,
        "Invite" => SampleMessages.Invite,
        _ => TortureMessages.Load(name),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_strict_prefix_needs_more_data_and_the_whole_message_completes(string name)
    {
        var bytes = Sample(name);
        var full = SipMessageParser.TryParseStream(bytes, SipParserOptions.Default, out var message);
        Assert.True(full.IsComplete, $"{name}: {full}");
        var length = full.Consumed;
        for (var i = 0; i < length; i++)
        {
            var r = SipMessageParser.TryParseStream(bytes.AsSpan(0, i), SipParserOptions.Default, out var partial);
            Assert.True(r.Status == SipParseStatus.NeedMoreData && r.Consumed == 0 && partial is null,
                $"{name}: prefix of {i} bytes should need more data but gave {r}");
        }
        Assert.Equal(message!.CallId, SipMessageParser.ParseDatagram(bytes.AsSpan(0, length), SipParserOptions.Default, out var again).IsComplete ? again!.CallId : null);
    }

    [Fact]
    public void Two_messages_back_to_back_are_framed_by_content_length()
    {
        var stream = SampleMessages.Invite.Concat(SampleMessages.Register).ToArray();
        var first = SipMessageParser.TryParseStream(stream, SipParserOptions.Default, out var invite);
        Assert.Equal(SampleMessages.Invite.Length, first.Consumed);
        Assert.Equal("v=0\r\no=- 1 1 IN IP4 x\r\n\r\n", invite!.BodyText);
        var second = SipMessageParser.TryParseStream(stream.AsSpan(first.Consumed), SipParserOptions.Default, out var register);
        Assert.True(second.IsComplete);
        Assert.Equal(SipMethod.Register, register!.Method);
    }

    [Fact]
    public void Double_crlf_is_a_keep_alive_ping_and_single_crlf_a_pong()
    {
        var ping = SipMessageParser.TryParseStream("\r\n\r\nREG"u8, SipParserOptions.Default, out _);
        Assert.Equal(new SipParseResult(SipParseStatus.KeepAlivePing, 4, null), ping);
        var pong = SipMessageParser.TryParseStream("\r\nINVITE"u8, SipParserOptions.Default, out _);
        Assert.Equal(new SipParseResult(SipParseStatus.KeepAlivePong, 2, null), pong);
        Assert.Equal(SipParseStatus.NeedMoreData, SipMessageParser.TryParseStream("\r\n"u8, SipParserOptions.Default, out _).Status);
    }

    [Fact]
    public void Missing_content_length_on_a_stream_breaks_framing()
    {
        var r = SipMessageParser.TryParseStream(TortureMessages.Load("inv2543"), SipParserOptions.Default, out _);
        Assert.Same(SipParseError.MissingContentLength, r.Error);
        Assert.True(r.Error!.BreaksFraming);
    }

    [Fact]
    public void Header_block_larger_than_the_limit_is_refused_instead_of_buffered()
    {
        var options = SipParserOptions.Default with { MaxHeaderBytes = 128 };
        var r = SipMessageParser.TryParseStream(SampleMessages.Register, options, out _);
        Assert.Same(SipParseError.HeadersTooLarge, r.Error);
    }

    [Fact]
    public void Segmented_sequence_parses_like_a_contiguous_buffer()
    {
        var bytes = SampleMessages.Invite;
        var first = new Segment(bytes.AsMemory(0, 40));
        var last = first.Append(bytes.AsMemory(40, 100)).Append(bytes.AsMemory(140));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        var r = SipMessageParser.TryParseStream(sequence, SipParserOptions.Default, out var message);
        Assert.True(r.IsComplete);
        Assert.Equal(bytes.Length, r.Consumed);
        Assert.Equal(2, message!.ViaCount);
        var partial = SipMessageParser.TryParseStream(sequence.Slice(0, 150), SipParserOptions.Default, out _);
        Assert.Equal(SipParseStatus.NeedMoreData, partial.Status);
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
