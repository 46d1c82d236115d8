using Cluster.Edges.Turn.Channels;

namespace Cluster.Edges.Tests.Turn.Channels;

public sealed class ChannelDataTests
{
    [Fact]
    public void Stream_encoding_pads_to_four_bytes_and_datagram_encoding_does_not()
    {
        var buffer = new byte[16];
        Assert.Equal(12, ChannelData.Write(buffer, 0x4001, "hello"u8, padToFourBytes: true));
        Assert.Equal(Hex.Bytes("40 01 00 05 68 65 6c 6c 6f 00 00 00"), buffer[..12]);
        Assert.Equal(9, ChannelData.Write(buffer, 0x4001, "hello"u8, padToFourBytes: false));
        Assert.Equal(Hex.Bytes("40 01 00 05 68 65 6c 6c 6f"), buffer[..9]);
    }

    [Fact]
    public void Datagram_with_or_without_padding_reads_back_the_data()
    {
        Assert.True(ChannelData.TryRead(Hex.Bytes("4f ff 00 05 68 65 6c 6c 6f"), out var channel, out var data));
        Assert.Equal(0x4FFF, channel);
        Assert.Equal("hello"u8.ToArray(), data.ToArray());
        Assert.True(ChannelData.TryRead(Hex.Bytes("40 00 00 05 68 65 6c 6c 6f 00 00 00"), out _, out data));
        Assert.Equal(5, data.Length);
    }

    [Theory]
    [InlineData("3f ff 00 00")] // below 0x4000
    [InlineData("50 00 00 00")] // 0x5000+ reserved (RFC 8656 §12)
    [InlineData("40 00 00 05 68 65")] // length beyond the datagram
    [InlineData("40 00 00")] // shorter than the header
    public void Invalid_channel_numbers_and_short_datagrams_are_refused(string dump)
    {
        Assert.False(ChannelData.TryRead(Hex.Bytes(dump), out _, out _));
    }

    [Theory]
    [InlineData(0x3FFF)]
    [InlineData(0x5000)]
    public void Writer_refuses_channel_numbers_outside_0x4000_to_0x4fff(int channel)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelData.Write(new byte[8], (ushort)channel, [], padToFourBytes: true));
    }
}
