using System.Globalization;
using System.Text;

namespace Cluster.Edges.Media.Sdp;

/// <summary>
/// Parses a complete SDP body (RFC 4566 §5) into <see cref="SdpSession"/>. The body arrives whole (framed by the SIP
/// Content-Length), so there is no "need more bytes" state; malformed input returns false with an
/// <see cref="SdpParseError"/> and never throws. Lines may end in CRLF or a bare LF (RFC 4566 §5 asks parsers to
/// accept both).
/// </summary>
public static class SdpParser
{
    /// <summary>Largest body accepted; real offers are a few hundred bytes to a few KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static bool TryParse(string text, out SdpSession? session, out SdpParseError? error) =>
        TryParse(Encoding.UTF8.GetBytes(text), out session, out error);

    public static bool TryParse(ReadOnlySpan<byte> body, out SdpSession? session, out SdpParseError? error)
    {
        session = null;
        if (body.Length > MaxBodyBytes)
            return Fail(0, $"body of {body.Length} bytes exceeds {MaxBodyBytes}", out error);
        if (body.IsEmpty)
            return Fail(0, "empty body", out error);

        SdpSession? result = null;
        SdpMediaDescription? media = null;
        var lineNumber = 0;
        var expect = 'v';
        var sawTime = false;
        while (!body.IsEmpty)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var raw = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (!raw.IsEmpty && raw[^1] == '\r')
                raw = raw[..^1];
            if (raw.IsEmpty)
            {
                if (body.Trim("\r\n"u8).IsEmpty)
                    break; // trailing blank line(s)
                return Fail(lineNumber, "empty line", out error);
            }
            if (raw.Length < 2 || raw[1] != '=' || raw[0] is < (byte)'a' or > (byte)'z')
                return Fail(lineNumber, "expected <type>=<value>", out error);
            var type = (char)raw[0];
            string value;
            try
            {
                value = Strict.GetString(raw[2..]);
            }
            catch (DecoderFallbackException)
            {
                return Fail(lineNumber, "value is not UTF-8", out error);
            }

            // RFC 4566 §5: v, o, s must come first and in this order.
            if (expect != '\0')
            {
                if (type != expect)
                    return Fail(lineNumber, $"expected {expect}= but found {type}=", out error);
                switch (type)
                {
                    case 'v':
                        if (value != "0")
                            return Fail(lineNumber, $"unsupported version v={value}", out error);
                        expect = 'o';
                        continue;
                    case 'o':
                        if (!TryParseOrigin(value, out var origin))
                            return Fail(lineNumber, "malformed o= (need <username> <sess-id> <sess-version> <nettype> <addrtype> <address>)", out error);
                        result = new SdpSession(origin!, "-");
                        expect = 's';
                        continue;
                    default:
                        result!.SessionName = value;
                        expect = '\0';
                        continue;
                }
            }

            switch (type)
            {
                case 'm':
                    if (!sawTime)
                        return Fail(lineNumber, "m= before any t= line", out error);
                    if (!TryParseMedia(value, out media))
                        return Fail(lineNumber, "malformed m= (need <media> <port>[/<count>] <proto> <fmt> ...)", out error);
                    result!.Media.Add(media!);
                    break;
                case 'c':
                    if (!TryParseConnection(value, out var connection))
                        return Fail(lineNumber, "malformed c= (need <nettype> <addrtype> <address>)", out error);
                    if (media is null)
                    {
                        if (result!.Connection is not null)
                            return Fail(lineNumber, "more than one session-level c= line", out error);
                        result.Connection = connection;
                    }
                    else
                    {
                        if (media.Connection is not null)
                            return Fail(lineNumber, "more than one c= line in a media section (multicast layers are not supported)", out error);
                        media.Connection = connection;
                    }
                    break;
                case 'a':
                    if (value.Length == 0)
                        return Fail(lineNumber, "empty a= line", out error);
                    var colon = value.IndexOf(':');
                    var attribute = colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
                    if (attribute.Name.Length == 0)
                        return Fail(lineNumber, "a= line without attribute name", out error);
                    (media?.Attributes ?? result!.Attributes).Add(attribute);
                    break;
                case 'i' or 'b' or 'k':
                    (media?.OtherLines ?? result!.OtherLines).Add(new SdpLine(type, value));
                    break;
                case 't':
                    if (media is not null)
                        return Fail(lineNumber, "t= inside a media section", out error);
                    sawTime = true;
                    result!.OtherLines.Add(new SdpLine(type, value));
                    break;
                case 'u' or 'e' or 'p' or 'r' or 'z':
                    if (media is not null)
                        return Fail(lineNumber, $"{type}= inside a media section", out error);
                    result!.OtherLines.Add(new SdpLine(type, value));
                    break;
                default:
                    // RFC 4566 §5: a description with a type letter the parser does not understand is ignored whole.
                    return Fail(lineNumber, $"unknown line type {type}=", out error);
            }
        }

        if (result is null || expect != '\0')
            return Fail(lineNumber, "description ends before v=, o= and s=", out error);
        if (!sawTime)
            return Fail(0, "no t= line (RFC 4566 §5.9 requires one)", out error);
        for (var i = 0; i < result.Media.Count; i++)
        {
            if (result.Media[i].Port != 0 && result.ConnectionOf(i) is null)
                return Fail(0, $"media section {i + 1} has no c= line and the session has none (RFC 4566 §5.7)", out error);
        }

        session = result;
        error = null;
        return true;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool TryParseOrigin(string value, out SdpOrigin? origin)
    {
        origin = null;
        var parts = value.Split(' ');
        if (parts.Length != 6 || parts.Any(p => p.Length == 0)
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return false;
        origin = new SdpOrigin(parts[0], parts[1], version, parts[3], parts[4], parts[5]);
        return true;
    }

    private static bool TryParseConnection(string value, out SdpConnection? connection)
    {
        connection = null;
        var parts = value.Split(' ');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return false;
        connection = new SdpConnection(parts[0], parts[1], parts[2]);
        return true;
    }

    private static bool TryParseMedia(string value, out SdpMediaDescription? media)
    {
        media = null;
        var parts = value.Split(' ');
        if (parts.Length < 4 || parts.Any(p => p.Length == 0))
            return false;
        var portText = parts[1];
        int? count = null;
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(portText.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c < 1)
                return false;
            count = c;
            portText = portText[..slash];
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            return false;
        media = new SdpMediaDescription(parts[0], port, count, parts[2], parts[3..]);
        return true;
    }

    private static bool Fail(int line, string reason, out SdpParseError? error)
    {
        error = new SdpParseError(line, reason);
        return false;
    }
}
