using System.Text;

namespace Cluster.Edges.Sip.Parsing;

/// <summary>Lazily parsed headers and header enumeration.</summary>
public sealed partial class SipMessage
{
    private SipNameAddress[]? contacts, routes, recordRoutes;
    private SipParseError? contactsError, routesError, recordRoutesError;

    /// <summary>Number of header lines.</summary>
    public int HeaderCount => FieldCount;

    /// <summary>The header line at <paramref name="index"/> in wire order.</summary>
    public SipHeader GetHeader(int index) =>
        (uint)index < (uint)FieldCount ? new SipHeader(Buffer, Fields[index]) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>All header lines in wire order.</summary>
    public IEnumerable<SipHeader> Headers
    {
        get
        {
            for (var i = 0; i < FieldCount; i++) yield return new SipHeader(Buffer, Fields[i]);
        }
    }

    /// <summary>True when at least one header of this kind is present.</summary>
    public bool HasHeader(SipHeaderKind kind) => IndexOf(kind, 0) >= 0;

    /// <summary>First value of a header by name (long or compact form, any case); null when absent.</summary>
    public string? GetHeaderValue(string name)
    {
        var kind = SipHeaderNames.Lookup(name);
        for (var i = 0; i < FieldCount; i++)
        {
            var f = Fields[i];
            if (kind != SipHeaderKind.Extension ? f.Kind == kind : f.Kind == SipHeaderKind.Extension && NameEquals(f, name))
                return SipText.Unfold(Buffer.AsSpan(f.Value));
        }
        return null;
    }

    /// <summary>First value of a known header; null when absent.</summary>
    public string? GetHeaderValue(SipHeaderKind kind)
    {
        var i = IndexOf(kind, 0);
        return i < 0 ? null : SipText.Unfold(Buffer.AsSpan(Fields[i].Value));
    }

    /// <summary>
    /// The elements of a list header across all its lines (RFC 3261 §7.3.1: <c>Allow: A, B</c> equals two lines),
    /// e.g. Allow, Supported, Require. Quoted strings and angle brackets are respected when splitting.
    /// </summary>
    public IReadOnlyList<string> GetListValues(SipHeaderKind kind)
    {
        var result = new List<string>();
        for (var i = IndexOf(kind, 0); i >= 0; i = IndexOf(kind, i + 1))
        {
            var value = Buffer.AsSpan(Fields[i].Value);
            var splitter = new SipListSplitter(value);
            while (splitter.TryNext(out var element))
            {
                var e = SipText.TrimLws(value[element]);
                if (!e.IsEmpty) result.Add(SipText.Unfold(e));
            }
        }
        return result;
    }

    /// <summary>Max-Forwards (RFC 3261 §20.22): null when absent; false when malformed (not 0-255).</summary>
    public bool TryGetMaxForwards(out int? value)
    {
        value = null;
        var i = IndexOf(SipHeaderKind.MaxForwards, 0);
        if (i < 0) return true;
        if (!SipText.TryParseDecimal(Buffer.AsSpan(Fields[i].Value), 255, out var v)) return false;
        value = (int)v;
        return true;
    }

    /// <summary>Expires (RFC 3261 §20.19) in seconds, clamped to 2^32-1; null when absent; false when malformed.</summary>
    public bool TryGetExpires(out uint? value)
    {
        value = null;
        var i = IndexOf(SipHeaderKind.Expires, 0);
        if (i < 0) return true;
        if (!SipDeltaSeconds.TryParse(Buffer.AsSpan(Fields[i].Value), out var v)) return false;
        value = v;
        return true;
    }

    /// <summary>Content-Type value (media type with parameters), or null when absent.</summary>
    public string? ContentType => GetHeaderValue(SipHeaderKind.ContentType);

    /// <summary>All Contact values in order (empty when none); false with the error when one is malformed.</summary>
    public bool TryGetContacts(out IReadOnlyList<SipNameAddress> values, out SipParseError? error) =>
        TryGetAddresses(SipHeaderKind.Contact, SipParseError.MalformedContact, ref contacts, ref contactsError, out values, out error);

    /// <summary>All Route values in order (RFC 3261 §20.34).</summary>
    public bool TryGetRoutes(out IReadOnlyList<SipNameAddress> values, out SipParseError? error) =>
        TryGetAddresses(SipHeaderKind.Route, SipParseError.MalformedRoute, ref routes, ref routesError, out values, out error);

    /// <summary>All Record-Route values in order (RFC 3261 §20.30).</summary>
    public bool TryGetRecordRoutes(out IReadOnlyList<SipNameAddress> values, out SipParseError? error) =>
        TryGetAddresses(SipHeaderKind.RecordRoute, SipParseError.MalformedRecordRoute, ref recordRoutes, ref recordRoutesError, out values, out error);

    private bool TryGetAddresses(SipHeaderKind kind, SipParseError malformed, ref SipNameAddress[]? cache, ref SipParseError? cachedError,
        out IReadOnlyList<SipNameAddress> values, out SipParseError? error)
    {
        if (cache is null && cachedError is null)
        {
            var list = new List<SipNameAddress>();
            for (var i = IndexOf(kind, 0); i >= 0 && cachedError is null; i = IndexOf(kind, i + 1))
            {
                var value = Buffer.AsSpan(Fields[i].Value);
                var splitter = new SipListSplitter(value);
                while (splitter.TryNext(out var element))
                {
                    if (!SipNameAddress.TryParse(value[element], allowWildcard: kind == SipHeaderKind.Contact, out var address))
                    {
                        cachedError = malformed;
                        break;
                    }
                    list.Add(address!);
                }
                if (splitter.Failed) cachedError = malformed;
            }
            if (cachedError is null) cache = list.ToArray();
        }
        values = cache ?? [];
        error = cachedError;
        return cachedError is null;
    }

    private int IndexOf(SipHeaderKind kind, int start)
    {
        for (var i = start; i < FieldCount; i++)
            if (Fields[i].Kind == kind) return i;
        return -1;
    }

    private bool NameEquals(SipHeaderField f, string name)
    {
        var raw = Buffer.AsSpan(f.Name);
        if (raw.Length != name.Length) return false;
        for (var i = 0; i < raw.Length; i++)
            if (char.ToLowerInvariant((char)raw[i]) != char.ToLowerInvariant(name[i])) return false;
        return true;
    }

    /// <summary>Decoded body text (UTF-8), for logging and text bodies.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}
