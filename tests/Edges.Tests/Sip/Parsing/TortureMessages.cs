using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>Loads the RFC 4475 / RFC 5118 messages stored byte-exact under Torture/.</summary>
internal static class TortureMessages
{
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Sip", "Parsing", "Torture", name + ".dat"));

    public static SipMessage ParseValid(string name)
    {
        var result = SipMessageParser.ParseDatagram(Load(name), SipParserOptions.Default, out var message);
        Assert.True(result.IsComplete, $"{name} should parse but got {result}");
        return message!;
    }

    public static SipParseError ParseInvalid(string name)
    {
        var result = SipMessageParser.ParseDatagram(Load(name), SipParserOptions.Default, out var message);
        Assert.True(result.Status == SipParseStatus.Invalid, $"{name} should be rejected but got {result}");
        Assert.Null(message);
        return result.Error!;
    }

    /// <summary>Runs the edge rule and returns the response text, or null when the message is dropped.</summary>
    public static string? ErrorResponse(string name, SipParseError error)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        return SipErrorResponder.TryWriteErrorResponse(Load(name), error, writer, toTag: "t1")
            ? System.Text.Encoding.UTF8.GetString(writer.WrittenSpan)
            : null;
    }
}
