using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>
/// RFC 4475 §3.1.2: invalid messages. Requests whose Via, CSeq and Call-ID are readable get a 400 naming the
/// problem (505 for a bad version); responses and requests without those are dropped. Where the RFC allows an
/// element to be liberal (baddate, badaspec, regbadct), the behaviour chosen is asserted and documented.
/// </summary>
public sealed class Rfc4475InvalidMessageTests
{
    private static void AssertBadRequest(string name, SipParseError expected)
    {
        var error = TortureMessages.ParseInvalid(name);
        Assert.Same(expected, error);
        var response = TortureMessages.ErrorResponse(name, error);
        Assert.NotNull(response);
        Assert.StartsWith($"SIP/2.0 {expected.StatusCode} ", response);
        Assert.Contains($"({expected.Reason})\r\n", response);
        Assert.Contains("\r\nCall-ID: " + name, response);
    }

    private static void AssertDropped(string name, SipParseError expected)
    {
        var error = TortureMessages.ParseInvalid(name);
        Assert.Same(expected, error);
        Assert.Null(TortureMessages.ErrorResponse(name, error));
    }

    [Fact]
    public void Rfc4475_3_1_2_1_badinv01_is_rejected_for_extraneous_separators_and_dropped_because_its_via_is_unusable() =>
        AssertDropped("badinv01", SipParseError.MalformedVia);

    [Fact]
    public void Rfc4475_3_1_2_2_clerr_is_rejected_when_content_length_exceeds_datagram() =>
        AssertBadRequest("clerr", SipParseError.ContentLengthExceedsDatagram);

    [Fact]
    public void Rfc4475_3_1_2_3_ncl_is_rejected_for_negative_content_length() => AssertBadRequest("ncl", SipParseError.MalformedContentLength);

    [Fact]
    public void Rfc4475_3_1_2_4_scalar02_is_rejected_for_overlarge_cseq() => AssertBadRequest("scalar02", SipParseError.CSeqOutOfRange);

    [Fact]
    public void Rfc4475_3_1_2_5_scalarlg_response_is_dropped() => AssertDropped("scalarlg", SipParseError.CSeqOutOfRange);

    [Fact]
    public void Rfc4475_3_1_2_6_quotbal_is_rejected_for_unterminated_quote()
    {
        AssertBadRequest("quotbal", SipParseError.MalformedTo);
        Assert.Contains("400 Bad Request (Malformed To header)", TortureMessages.ErrorResponse("quotbal", SipParseError.MalformedTo));
    }

    [Fact]
    public void Rfc4475_3_1_2_7_ltgtruri_is_rejected_for_bracketed_request_uri() => AssertBadRequest("ltgtruri", SipParseError.MalformedRequestUri);

    [Fact]
    public void Rfc4475_3_1_2_8_lwsruri_is_rejected_for_embedded_lws() => AssertBadRequest("lwsruri", SipParseError.MalformedRequestLine);

    [Fact]
    public void Rfc4475_3_1_2_9_lwsstart_is_rejected_for_multiple_spaces() => AssertBadRequest("lwsstart", SipParseError.MalformedRequestLine);

    [Fact]
    public void Rfc4475_3_1_2_10_trws_is_rejected_for_trailing_spaces() => AssertBadRequest("trws", SipParseError.MalformedRequestLine);

    [Fact]
    public void Rfc4475_3_1_2_11_escruri_is_rejected_for_headers_in_request_uri() =>
        AssertBadRequest("escruri", SipParseError.RequestUriHeadersNotAllowed);

    [Fact]
    public void Rfc4475_3_1_2_12_baddate_is_accepted_because_date_is_not_needed_to_process_it()
    {
        var m = TortureMessages.ParseValid("baddate");
        Assert.Equal("Fri, 01 Jan 2010 16:00:00 EST", m.GetHeaderValue(SipHeaderKind.Date));
    }

    [Fact]
    public void Rfc4475_3_1_2_13_regbadct_contact_without_brackets_is_malformed_on_access()
    {
        var m = TortureMessages.ParseValid("regbadct");
        Assert.False(m.TryGetContacts(out _, out var error));
        Assert.Same(SipParseError.MalformedContact, error);
    }

    [Fact]
    public void Rfc4475_3_1_2_14_badaspec_is_accepted_liberally_with_spaces_inside_brackets()
    {
        var m = TortureMessages.ParseValid("badaspec");
        Assert.Equal("t.watson", m.To.Uri!.User);
        Assert.Equal("Watson, Thomas", m.To.DisplayName);
    }

    [Fact]
    public void Rfc4475_3_1_2_15_baddn_is_rejected_for_unquoted_comma_in_display_name() => AssertBadRequest("baddn", SipParseError.MalformedFrom);

    [Fact]
    public void Rfc4475_3_1_2_16_badvers_is_answered_with_505() => AssertBadRequest("badvers", SipParseError.UnsupportedVersion);

    [Fact]
    public void Rfc4475_3_1_2_17_mismatch01_is_rejected_for_cseq_method_mismatch() => AssertBadRequest("mismatch01", SipParseError.CSeqMethodMismatch);

    [Fact]
    public void Rfc4475_3_1_2_18_mismatch02_is_rejected_for_cseq_method_mismatch() => AssertBadRequest("mismatch02", SipParseError.CSeqMethodMismatch);

    [Fact]
    public void Rfc4475_3_1_2_19_bigcode_response_is_dropped() => AssertDropped("bigcode", SipParseError.MalformedStatusLine);
}
