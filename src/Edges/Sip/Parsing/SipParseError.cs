namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Why a message was refused. Instances are static singletons so reporting an error never allocates; the
/// <see cref="Reason"/> goes verbatim into the reason phrase of the 400 (e.g. <c>400 Bad Request (Malformed To header)</c>).
/// </summary>
public sealed class SipParseError
{
    private SipParseError(string reason, int statusCode = 400, bool breaksFraming = false)
    {
        Reason = reason;
        StatusCode = statusCode;
        BreaksFraming = breaksFraming;
    }

    /// <summary>Human-readable cause, used as the reason phrase suffix of the error response.</summary>
    public string Reason { get; }

    /// <summary>Status a UAS answers with when it can answer at all (400, or 505 for an unknown SIP version).</summary>
    public int StatusCode { get; }

    /// <summary>
    /// True when the message boundary itself is unknown, so a stream transport cannot find the next message and
    /// must close the connection after answering.
    /// </summary>
    public bool BreaksFraming { get; }

    public override string ToString() => Reason;

    public static readonly SipParseError MalformedStartLine = new("Malformed start line", breaksFraming: false);
    public static readonly SipParseError MalformedRequestLine = new("Malformed Request-Line");
    public static readonly SipParseError MalformedRequestUri = new("Malformed Request-URI");
    public static readonly SipParseError RequestUriHeadersNotAllowed = new("Malformed Request-URI (headers not allowed)");
    public static readonly SipParseError MalformedStatusLine = new("Malformed Status-Line");
    public static readonly SipParseError UnsupportedVersion = new("SIP Version Not Supported", statusCode: 505);
    public static readonly SipParseError MalformedHeaderLine = new("Malformed header line", breaksFraming: true);
    public static readonly SipParseError MissingHeaderTerminator = new("Missing empty line after headers", breaksFraming: true);
    public static readonly SipParseError HeadersTooLarge = new("Message headers too large", breaksFraming: true);
    public static readonly SipParseError TooManyHeaders = new("Too many header fields", breaksFraming: true);
    public static readonly SipParseError MalformedVia = new("Malformed Via header");
    public static readonly SipParseError MalformedFrom = new("Malformed From header");
    public static readonly SipParseError MalformedTo = new("Malformed To header");
    public static readonly SipParseError MalformedCallId = new("Malformed Call-ID header");
    public static readonly SipParseError MalformedCSeq = new("Malformed CSeq header");
    public static readonly SipParseError CSeqOutOfRange = new("Malformed CSeq header (sequence number out of range)");
    public static readonly SipParseError CSeqMethodMismatch = new("CSeq method does not match Request-Line");
    public static readonly SipParseError MalformedContentLength = new("Malformed Content-Length header", breaksFraming: true);
    public static readonly SipParseError ConflictingContentLength = new("Multiple Content-Length values", breaksFraming: true);
    public static readonly SipParseError MissingContentLength = new("Missing Content-Length header (required on streams)", breaksFraming: true);
    public static readonly SipParseError BodyTooLarge = new("Message body too large", breaksFraming: true);
    public static readonly SipParseError ContentLengthExceedsDatagram = new("Content-Length larger than message");
    public static readonly SipParseError MissingVia = new("Missing Via header");
    public static readonly SipParseError MissingFrom = new("Missing From header");
    public static readonly SipParseError MissingTo = new("Missing To header");
    public static readonly SipParseError MissingCallId = new("Missing Call-ID header");
    public static readonly SipParseError MissingCSeq = new("Missing CSeq header");
    public static readonly SipParseError DuplicateFrom = new("Multiple values in single-value From header");
    public static readonly SipParseError DuplicateTo = new("Multiple values in single-value To header");
    public static readonly SipParseError DuplicateCallId = new("Multiple values in single-value Call-ID header");
    public static readonly SipParseError DuplicateCSeq = new("Multiple values in single-value CSeq header");
    public static readonly SipParseError MalformedMaxForwards = new("Malformed Max-Forwards header");
    public static readonly SipParseError MalformedContact = new("Malformed Contact header");
    public static readonly SipParseError MalformedExpires = new("Malformed Expires header");
    public static readonly SipParseError MalformedContentType = new("Malformed Content-Type header");
    public static readonly SipParseError MalformedRoute = new("Malformed Route header");
    public static readonly SipParseError MalformedRecordRoute = new("Malformed Record-Route header");
    public static readonly SipParseError InternalError = new("Internal parser error", breaksFraming: true);
}
