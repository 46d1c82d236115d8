using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// A parsed SIP request or response (RFC 3261 §7) over its own copy of the wire bytes. The framing headers (Via,
/// From, To, Call-ID, CSeq, Content-Length) were validated when the message was parsed; their typed views and every
/// other header are built from the bytes on first access and cached. Not thread-safe: one owner at a time (the
/// transaction or the entity the message was handed to).
/// </summary>
public sealed partial class SipMessage
{
    internal byte[] Buffer = [];
    internal int Length;
    internal SipHeaderField[] Fields = [];
    internal int FieldCount;
    internal int BodyStart, BodyLength;

    // Start line.
    internal Range MethodToken, RequestUriRange, ReasonRange;
    internal SipUriLayout RequestUriLayout;

    // Eagerly parsed framing headers (layouts are relative to the slice starting at the recorded offset).
    internal int TopViaOffset, TopViaLength;
    internal SipViaLayout TopViaLayout;
    internal int FromField, ToField;
    internal SipNameAddressLayout FromLayout, ToLayout;
    internal Range CallIdRange;
    internal Range CSeqMethodRange;
    internal int DeclaredContentLength = -1;

    private SipUri? requestUri;
    private SipVia? topVia;
    private SipVia[]? vias;
    private SipNameAddress? from, to;
    private string? callId, fromTag, toTag, methodText, cseqMethodText;

    internal SipMessage()
    {
    }

    public bool IsRequest { get; internal set; }

    public bool IsResponse => !IsRequest;

    /// <summary>The whole message as received (start line, headers, body).</summary>
    public ReadOnlyMemory<byte> Raw => Buffer.AsMemory(0, Length);

    /// <summary>The request method; <see cref="SipMethod.Extension"/> for an unknown token (see <see cref="MethodText"/>).</summary>
    public SipMethod Method { get; internal set; }

    /// <summary>The method token as written; for responses the method of the CSeq.</summary>
    public string MethodText => methodText ??= IsRequest
        ? Method == SipMethod.Extension ? Ascii(MethodToken) : SipMethods.ToToken(Method)
        : CSeq.MethodToken;

    /// <summary>The Request-URI (requests only; null for responses).</summary>
    public SipUri? RequestUri => IsRequest ? requestUri ??= SipUri.Create(Buffer.AsSpan(RequestUriRange), RequestUriLayout) : null;

    /// <summary>The Request-URI bytes as received, for forwarding without re-encoding.</summary>
    public ReadOnlyMemory<byte> RawRequestUri => IsRequest ? Buffer.AsMemory(RequestUriRange) : default;

    /// <summary>Status code of a response (100-699); 0 for requests.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>Reason phrase of a response (may be empty, RFC 4475 §3.1.1.13); null for requests.</summary>
    public string? ReasonPhrase => IsRequest ? null : Encoding.UTF8.GetString(Buffer.AsSpan(ReasonRange));

    /// <summary>The topmost Via, already validated at parse time.</summary>
    public SipVia TopVia => topVia ??= SipVia.Create(Buffer.AsSpan(TopViaOffset, TopViaLength), TopViaLayout);

    /// <summary>The branch of the top Via without building the Via object (transaction matching, RFC 3261 §17.2.3).</summary>
    public ReadOnlySpan<byte> TopViaBranch => TopViaLayout.HasBranch ? Buffer.AsSpan(TopViaOffset, TopViaLength)[TopViaLayout.Branch] : default;

    /// <summary>Number of Via entries (all were validated at parse time).</summary>
    public int ViaCount { get; internal set; }

    /// <summary>All Via entries, top first.</summary>
    public IReadOnlyList<SipVia> Vias => vias ??= BuildVias();

    public SipNameAddress From => from ??= SipNameAddress.Create(Buffer.AsSpan(Fields[FromField].Value), FromLayout);

    public SipNameAddress To => to ??= SipNameAddress.Create(Buffer.AsSpan(Fields[ToField].Value), ToLayout);

    public string? FromTag => FromLayout.HasTag ? fromTag ??= Encoding.UTF8.GetString(Buffer.AsSpan(Fields[FromField].Value)[FromLayout.Tag]) : null;

    public string? ToTag => ToLayout.HasTag ? toTag ??= Encoding.UTF8.GetString(Buffer.AsSpan(Fields[ToField].Value)[ToLayout.Tag]) : null;

    public string CallId => callId ??= Encoding.UTF8.GetString(Buffer.AsSpan(CallIdRange));

    /// <summary>Call-ID bytes, for hashing into a shard or a transaction table without a string.</summary>
    public ReadOnlySpan<byte> CallIdBytes => Buffer.AsSpan(CallIdRange);

    public SipCSeq CSeq => new(CSeqNumber, CSeqMethod, cseqMethodText ??= CSeqMethod == SipMethod.Extension ? Ascii(CSeqMethodRange) : SipMethods.ToToken(CSeqMethod));

    internal uint CSeqNumber;
    internal SipMethod CSeqMethod;

    /// <summary>Declared Content-Length, or null when the header is absent (allowed on datagrams only).</summary>
    public int? ContentLength => DeclaredContentLength < 0 ? null : DeclaredContentLength;

    /// <summary>The message body (empty when none).</summary>
    public ReadOnlyMemory<byte> Body => Buffer.AsMemory(BodyStart, BodyLength);

    private SipVia[] BuildVias()
    {
        var list = new SipVia[ViaCount];
        var n = 0;
        for (var i = 0; i < FieldCount && n < list.Length; i++)
        {
            if (Fields[i].Kind != SipHeaderKind.Via) continue;
            var value = Buffer.AsSpan(Fields[i].Value);
            var splitter = new SipListSplitter(value);
            while (splitter.TryNext(out var element) && n < list.Length)
            {
                var slice = value[element];
                SipViaParser.TryParse(slice, out var layout); // validated at parse time
                list[n++] = SipVia.Create(slice, layout);
            }
        }
        return list;
    }

    private string Ascii(Range r) => Encoding.UTF8.GetString(Buffer.AsSpan(r));

    public override string ToString() => IsRequest
        ? $"{MethodText} {Encoding.UTF8.GetString(Buffer.AsSpan(RequestUriRange))} (Call-ID {CallId}, CSeq {CSeq})"
        : $"{StatusCode} {ReasonPhrase} (Call-ID {CallId}, CSeq {CSeq})";
}
