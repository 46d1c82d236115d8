using Cluster.Edges.Turn.Channels;
using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Tests.Turn.Stun;

/// <summary>
/// Mutation fuzzing with a fixed seed (reproducible): truncations, bit flips, random length fields and random
/// attribute soup behind a valid header. Every API that reads untrusted bytes must return, never throw.
/// A crash found here becomes its own regression test.
/// </summary>
public sealed class StunFuzzTests
{
    private const int Seed = 5769;
    private const int Iterations = 30_000;

    [Fact]
    public void Parser_decoders_and_framers_never_throw_on_mutated_input()
    {
        var random = new Random(Seed);
        byte[][] seeds = [Rfc5769.SampleRequest, Rfc5769.SampleIpv4Response, Rfc5769.SampleIpv6Response, Rfc5769.LongTermRequest, Hex.Bytes("40 00 00 05 01 02 03 04 05 00 00 00")];
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(random, seeds[i % seeds.Length], i % 5);
            try
            {
                Probe(input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Iteration {i} (seed {Seed}) threw {ex.GetType().Name} for input {Convert.ToHexString(input)}: {ex.Message}");
            }
        }
    }

    private static byte[] Mutate(Random random, byte[] seed, int strategy)
    {
        switch (strategy)
        {
            case 0:
                return seed[..random.Next(seed.Length + 1)];
            case 1:
            {
                var copy = (byte[])seed.Clone();
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            }

            case 2:
            {
                var copy = (byte[])seed.Clone();
                if (copy.Length >= 24)
                {
                    // Random attribute length inside the message.
                    var at = 20 + (random.Next((copy.Length - 20) / 4) * 4);
                    copy[at + 2] = (byte)random.Next(256);
                    copy[at + 3] = (byte)random.Next(256);
                }

                return copy;
            }

            case 3:
            {
                var body = new byte[4 * random.Next(0, 40)];
                random.NextBytes(body);
                var message = new byte[20 + body.Length];
                message[1] = (byte)random.Next(0, 16);
                message[2] = (byte)(body.Length >> 8);
                message[3] = (byte)body.Length;
                Hex.Bytes("21 12 a4 42").CopyTo(message, 4);
                body.CopyTo(message, 20);
                return message;
            }

            default:
            {
                var noise = new byte[random.Next(0, 120)];
                random.NextBytes(noise);
                return noise;
            }
        }
    }

    private static void Probe(byte[] input)
    {
        Span<ushort> types = stackalloc ushort[8];
        if (StunMessage.TryParse(input, out var message, allowRfc3489: true))
        {
            message.VerifyMessageIntegrity("k"u8);
            message.VerifyMessageIntegritySha256("k"u8);
            message.VerifyFingerprint();
            message.CollectUnknownComprehensionRequired(types);
            foreach (var attribute in message.Attributes)
            {
                Assert.True(attribute.Offset + 4 + attribute.Value.Length <= input.Length);
                StunAttributeDecoder.TryReadXorAddress(attribute.Value, message.CookieAndTransactionId, out _);
                StunAttributeDecoder.TryReadAddress(attribute.Value, out _);
                StunAttributeDecoder.TryReadErrorCode(attribute.Value, out _, out _);
                StunAttributeDecoder.TryReadAddressErrorCode(attribute.Value, out _, out _, out _);
                StunAttributeDecoder.TryReadUnknownAttributes(attribute.Value, types, out _);
                StunAttributeDecoder.TryReadPasswordAlgorithms(attribute.Value, types, out _);
                StunAttributeDecoder.TryReadPasswordAlgorithm(attribute.Value, out _, out _);
                StunAttributeDecoder.TryReadText(attribute.Value, out _);
                StunAttributeDecoder.TryReadIcmp(attribute.Value, out _, out _, out _);
                StunAttributeDecoder.TryReadAddressFamily(attribute.Value, out _);
            }
        }

        ChannelData.TryRead(input, out _, out _);
        var status = StunStreamFramer.TryGetFrame(input, out _, out var frameLength);
        if (status == StreamFrameStatus.Complete)
        {
            Assert.InRange(frameLength, 4, input.Length);
        }
    }
}
