using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>
/// RFC 4475 §3.2-§3.4: syntactically valid messages whose problems are for the transaction or application layer
/// to handle; the parser must deliver them with the facts those layers decide on. insuf, multi01 and mcl01 are the
/// exceptions that the parser itself refuses.
/// </summary>
public sealed class Rfc4475SemanticTests
{
    [Fact]
    public void Rfc4475_3_2_1_badbranch_parses_with_a_cookie_only_branch()
    {
        var m = TortureMessages.ParseValid("badbranch");
        Assert.Equal("z9hG4bK", m.TopVia.Branch);
        Assert.False(m.TopVia.HasRfc3261Branch);
    }

    [Fact]
    public void Rfc4475_3_3_1_insuf_missing_call_id_is_rejected_and_dropped()
    {
        var error = TortureMessages.ParseInvalid("insuf");
        Assert.Same(SipParseError.MissingCallId, error);
        Assert.Null(TortureMessages.ErrorResponse("insuf", error)); // no Call-ID to answer with
    }

    [Fact]
    public void Rfc4475_3_3_2_unkscm_parses_with_an_opaque_request_uri()
    {
        var m = TortureMessages.ParseValid("unkscm");
        Assert.Equal(SipUriScheme.Other, m.RequestUri!.Scheme);
        Assert.Equal("nobodyknowsthisscheme", m.RequestUri.SchemeName);
    }

    [Fact]
    public void Rfc4475_3_3_3_novelsc_parses_with_an_atypical_scheme()
    {
        var m = TortureMessages.ParseValid("novelsc");
        Assert.Equal("soap.beep", m.RequestUri!.SchemeName);
        Assert.Equal("soap.beep://192.0.2.103:3002", m.RequestUri.ToString());
    }

    [Fact]
    public void Rfc4475_3_3_4_unksm2_parses_unknown_schemes_in_headers()
    {
        var m = TortureMessages.ParseValid("unksm2");
        Assert.Equal("isbn", m.To.Uri!.SchemeName);
        Assert.Equal("http", m.From.Uri!.SchemeName);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        Assert.Equal("name:John_Smith", Assert.Single(contacts).Uri!.ToString());
    }

    [Fact]
    public void Rfc4475_3_3_5_bext01_exposes_require_and_proxy_require()
    {
        var m = TortureMessages.ParseValid("bext01");
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], m.GetListValues(SipHeaderKind.Require));
        Assert.Equal(["noProxiesSupportThis", "norDoAnyProxiesSupportThis"], m.GetListValues(SipHeaderKind.ProxyRequire));
    }

    [Fact]
    public void Rfc4475_3_3_6_invut_parses_an_unknown_content_type()
    {
        var m = TortureMessages.ParseValid("invut");
        Assert.Equal("application/unknownformat", m.ContentType);
        Assert.Equal(40, m.Body.Length);
    }

    [Fact]
    public void Rfc4475_3_3_7_regaut01_parses_an_unknown_authorization_scheme()
    {
        var m = TortureMessages.ParseValid("regaut01");
        Assert.Equal("NoOneKnowsThisScheme opaque-data=here", m.GetHeaderValue(SipHeaderKind.Authorization));
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Rfc4475_3_3_8_multi01_is_rejected_for_repeated_single_value_headers()
    {
        var error = TortureMessages.ParseInvalid("multi01");
        Assert.Same(SipParseError.DuplicateCSeq, error); // the first repeated single-value header in wire order
        Assert.StartsWith("SIP/2.0 400 Bad Request (Multiple values", TortureMessages.ErrorResponse("multi01", error));
    }

    [Fact]
    public void Rfc4475_3_3_9_mcl01_is_rejected_for_conflicting_content_lengths()
    {
        var error = TortureMessages.ParseInvalid("mcl01");
        Assert.Same(SipParseError.ConflictingContentLength, error);
        Assert.True(error.BreaksFraming);
        Assert.NotNull(TortureMessages.ErrorResponse("mcl01", error));
    }

    [Fact]
    public void Rfc4475_3_3_10_bcast_parses_a_broadcast_via()
    {
        var m = TortureMessages.ParseValid("bcast");
        Assert.Equal("255.255.255.255", m.Vias[1].Host);
    }

    [Fact]
    public void Rfc4475_3_3_11_zeromf_parses_max_forwards_zero()
    {
        var m = TortureMessages.ParseValid("zeromf");
        Assert.True(m.TryGetMaxForwards(out var mf));
        Assert.Equal(0, mf);
    }

    [Fact]
    public void Rfc4475_3_3_12_cparam01_puts_unbracketed_parameter_on_the_contact()
    {
        var m = TortureMessages.ParseValid("cparam01");
        Assert.True(m.TryGetContacts(out var contacts, out _));
        var c = Assert.Single(contacts);
        Assert.True(c.Parameters.Contains("unknownparam"));
        Assert.False(c.Uri!.Parameters.Contains("unknownparam"));
    }

    [Fact]
    public void Rfc4475_3_3_13_cparam02_puts_bracketed_parameter_on_the_uri()
    {
        var m = TortureMessages.ParseValid("cparam02");
        Assert.True(m.TryGetContacts(out var contacts, out _));
        var c = Assert.Single(contacts);
        Assert.False(c.Parameters.Contains("unknownparam"));
        Assert.True(c.Uri!.Parameters.Contains("unknownparam"));
    }

    [Fact]
    public void Rfc4475_3_3_14_regescrt_decodes_escaped_uri_header()
    {
        var m = TortureMessages.ParseValid("regescrt");
        Assert.True(m.TryGetContacts(out var contacts, out _));
        Assert.Equal("<sip:sip.example.com>", Assert.Single(contacts).Uri!.Headers.GetValue("Route"));
    }

    [Fact]
    public void Rfc4475_3_3_15_sdp01_exposes_the_accept_header()
    {
        var m = TortureMessages.ParseValid("sdp01");
        Assert.Equal(["text/nobodyKnowsThis"], m.GetListValues(SipHeaderKind.Accept));
    }

    [Fact]
    public void Rfc4475_3_4_1_inv2543_parses_rfc2543_syntax_on_a_datagram()
    {
        var m = TortureMessages.ParseValid("inv2543");
        Assert.Null(m.TopVia.Branch);
        Assert.Null(m.ContentLength);
        Assert.True(m.TryGetMaxForwards(out var mf) && mf is null);
        // Unbracketed addr-spec: ";user=phone" is a header parameter of To, not a URI parameter (RFC 3261 §20).
        Assert.Equal("phone", m.To.Parameters.GetValue("user"));
        Assert.Equal("phone", m.From.Uri!.Parameters.GetValue("user"));
        Assert.True(m.Body.Length > 0);
    }
}
