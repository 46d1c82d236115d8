using System.Buffers;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// The parser's fuzz target: mutates valid messages (bit flips, inserted syntax bytes, deletions, duplicated
/// chunks) and checks the invariants the transports rely on. Used by the seeded unit test and by the open-ended
/// <c>fuzz</c> command of Edges.Bench; every failure comes back with the input in base64 so it can become a
/// regression test.
/// </summary>
internal static class SipParserFuzzer
{
    private static readonly byte[] Interesting = "\r\n \t:;,<>\"\\%@[]=/?*0123456789"u8.ToArray();

    public static List<string> Run(IReadOnlyList<byte[]> corpus, int seed, int iterations, Func<bool>? keepGoing = null)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        for (var i = 0; i < iterations && (keepGoing?.Invoke() ?? true); i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], random);
            var problem = Check(input);
            if (problem is not null) failures.Add($"{problem}: {Convert.ToBase64String(input)}");
        }
        return failures;
    }

    public static byte[] Mutate(byte[] source, Random random)
    {
        var data = new List<byte>(source);
        var count = 1 + random.Next(4);
        for (var m = 0; m < count && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: data.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 2: data.RemoveAt(at); break;
                case 3: data[at] = (byte)random.Next(256); break;
                default:
                    var length = Math.Min(1 + random.Next(16), data.Count - at);
                    data.InsertRange(at, data.GetRange(at, length));
                    break;
            }
        }
        return data.ToArray();
    }

    /// <summary>Returns null when every invariant holds, else a description of the violation.</summary>
    public static string? Check(byte[] input)
    {
        try
        {
            var internalBefore = SipParserCounters.InternalErrors;
            var datagram = SipMessageParser.ParseDatagram(input, SipParserOptions.Default, out var message);
            if (SipParserCounters.InternalErrors != internalBefore) return "internal error on datagram";
            if (datagram.IsComplete != message is not null) return "datagram status and message disagree";
            if (message is not null)
            {
                Touch(message);
                var again = SipMessageParser.ParseDatagram(message.Raw.Span, SipParserOptions.Default, out var reparsed);
                if (!again.IsComplete || reparsed!.Raw.Length != message.Raw.Length) return "datagram re-parse differs";
            }
            else if (datagram.Status == SipParseStatus.Invalid)
            {
                SipErrorResponder.TryWriteErrorResponse(input, datagram.Error!, new ArrayBufferWriter<byte>());
            }

            var stream = SipMessageParser.TryParseStream(input, SipParserOptions.Default, out var streamed);
            if (SipParserCounters.InternalErrors != internalBefore) return "internal error on stream";
            if (stream.Consumed < 0 || stream.Consumed > input.Length) return "stream consumed out of range";
            if (stream.Status == SipParseStatus.NeedMoreData && stream.Consumed != 0) return "need-more consumed input";
            if (streamed is not null)
            {
                Touch(streamed);
                var again = SipMessageParser.TryParseStream(input.AsSpan(0, stream.Consumed), SipParserOptions.Default, out _);
                if (again != stream) return "stream re-parse of the framed bytes differs";
            }
            return null;
        }
        catch (Exception e)
        {
            return "exception " + e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>Reads every lazy accessor: none may throw on a message the parser accepted.</summary>
    private static void Touch(SipMessage m)
    {
        _ = m.RequestUri?.ToString();
        _ = m.ReasonPhrase;
        _ = m.MethodText;
        _ = m.TopVia.Branch;
        _ = m.Vias.Count;
        _ = m.From.Uri;
        _ = m.To.DisplayName;
        _ = m.FromTag;
        _ = m.ToTag;
        _ = m.CallId;
        _ = m.CSeq;
        _ = m.BodyText;
        m.TryGetMaxForwards(out _);
        m.TryGetExpires(out _);
        if (m.TryGetContacts(out var contacts, out _))
            foreach (var c in contacts) _ = (c.Expires, c.Q, c.SipInstance, c.RegId);
        m.TryGetRoutes(out _, out _);
        m.TryGetRecordRoutes(out _, out _);
        foreach (var h in m.Headers) _ = h.ToString();
        _ = m.GetListValues(SipHeaderKind.Allow);
        if (m.IsRequest) _ = SipMessageBuilder.CreateResponse(m, 200, "OK").ToArray();
        _ = SipMessageBuilder.CopyOf(m).ToArray();
    }
}
