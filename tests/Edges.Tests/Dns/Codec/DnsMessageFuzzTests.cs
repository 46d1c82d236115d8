using Cluster.Edges.Dns.Codec;

namespace Cluster.Edges.Tests.Dns.Codec;

/// <summary>The reader's promise: whatever the bytes, it returns true or false and never throws.</summary>
public sealed class DnsMessageFuzzTests
{
    [Fact]
    public void Every_prefix_of_a_valid_message_is_rejected_cleanly()
    {
        var bytes = DnsMessageWriter.Write(SampleMessages.AllTypes());

        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = DnsMessageReader.TryRead(bytes.AsSpan(0, length), out _, out var error);
            Assert.False(ok, $"prefix of {length} bytes must not parse as the full message");
            Assert.False(string.IsNullOrEmpty(error), $"prefix of {length} bytes was rejected without a reason");
        }
    }

    [Fact]
    public void Mutated_messages_never_make_the_reader_throw()
    {
        var random = new Random(20240601);
        var seeds = new[]
        {
            DnsMessageWriter.Write(SampleMessages.AllTypes(), compress: true),
            DnsMessageWriter.Write(SampleMessages.AllTypes(), compress: false),
        };
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var input = (byte[])seeds[i % seeds.Length].Clone();
            var mutations = 1 + random.Next(8);
            for (var m = 0; m < mutations && input.Length >= DnsHeader.Size; m++)
            {
                switch (random.Next(4))
                {
                    case 0: // flip a byte
                        input[random.Next(input.Length)] = (byte)random.Next(256);
                        break;
                    case 1: // plant a compression pointer anywhere
                        var at = random.Next(input.Length - 1);
                        input[at] = (byte)(0xC0 | random.Next(64));
                        input[at + 1] = (byte)random.Next(256);
                        break;
                    case 2: // inflate a section count
                        input[4 + 2 * random.Next(4) + 1] = (byte)random.Next(256);
                        break;
                    default: // cut the tail
                        Array.Resize(ref input, Math.Max(1, input.Length - random.Next(input.Length)));
                        break;
                }
            }

            var ok = Record.Exception(() =>
            {
                if (DnsMessageReader.TryRead(input, out var message, out _))
                {
                    parsed++;
                    // Whatever parsed must be writable again (the cache hands these objects around).
                    DnsMessageWriter.Write(message);
                }
            });
            Assert.True(ok is null, $"mutation {i} threw {ok}: {Convert.ToHexString(input)}");
        }
        // The mutations must still leave some messages parseable, or the test would only exercise the header check.
        Assert.InRange(parsed, 100, 19_900);
    }
}
