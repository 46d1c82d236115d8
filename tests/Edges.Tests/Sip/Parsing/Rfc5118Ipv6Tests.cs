using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>RFC 5118: IPv6 torture messages.</summary>
public sealed class Rfc5118Ipv6Tests
{
    [Fact]
    public void Rfc5118_4_1_ipv6_good_parses()
    {
        var m = TortureMessages.ParseValid("ipv6-good");
        Assert.Equal("[2001:db8::10]", m.RequestUri!.Host);
        Assert.True(m.RequestUri.IsIpv6Host);
        Assert.Equal("[2001:db8::9:1]", m.TopVia.Host);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        Assert.Equal("[2001:db8::1]", Assert.Single(contacts).Uri!.Host);
    }

    [Fact]
    public void Rfc5118_4_2_ipv6_bad_without_brackets_is_rejected() =>
        Assert.Same(SipParseError.MalformedRequestUri, TortureMessages.ParseInvalid("ipv6-bad"));

    [Fact]
    public void Rfc5118_4_3_port_ambiguous_reads_the_whole_reference_as_address()
    {
        var m = TortureMessages.ParseValid("port-ambiguous");
        Assert.Equal("[2001:db8::10:5070]", m.RequestUri!.Host);
        Assert.Null(m.RequestUri.Port);
    }

    [Fact]
    public void Rfc5118_4_4_port_unambiguous_reads_the_port()
    {
        var m = TortureMessages.ParseValid("port-unambiguous");
        Assert.Equal("[2001:db8::10]", m.RequestUri!.Host);
        Assert.Equal(5070, m.RequestUri.Port);
    }

    [Fact]
    public void Rfc5118_4_5_via_received_param_with_delim_parses() =>
        Assert.Equal("[2001:db8::9:255]", TortureMessages.ParseValid("via-received-param-with-delim").TopVia.Received);

    [Fact]
    public void Rfc5118_4_5_via_received_param_no_delim_parses() =>
        Assert.Equal("2001:db8::9:255", TortureMessages.ParseValid("via-received-param-no-delim").TopVia.Received);

    [Fact]
    public void Rfc5118_4_6_ipv6_in_sdp_headers_parse_but_the_printed_content_length_exceeds_the_body()
    {
        // The Content-Length printed in RFC 5118 (268) is larger than the SDP printed there (251 octets with CRLF);
        // on a datagram RFC 3261 §18.3 makes that an error, while the IPv6 header syntax itself is accepted.
        var bytes = TortureMessages.Load("ipv6-in-sdp");
        Assert.Same(SipParseError.ContentLengthExceedsDatagram, TortureMessages.ParseInvalid("ipv6-in-sdp"));
        var headersOnly = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.Latin1.GetString(bytes).Replace("Content-Length: 268", "Content-Length: 251"));
        Assert.True(SipMessageParser.ParseDatagram(headersOnly, SipParserOptions.Default, out var m).IsComplete);
        Assert.Equal("[2001:db8::10]", m!.To.Uri!.Host);
        Assert.Equal("[2001:db8::20]", m.TopVia.Host);
    }

    [Fact]
    public void Rfc5118_4_7_mult_ip_in_header_parses_mixed_vias()
    {
        var m = TortureMessages.ParseValid("mult-ip-in-header");
        Assert.Equal(["[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]"], m.Vias.Select(v => v.Host));
        Assert.Equal(6050, m.TopVia.Port);
        Assert.Equal("192.0.2.200", m.Vias[2].Received);
    }

    [Fact]
    public void Rfc5118_4_8_mult_ip_in_sdp_truncates_the_datagram_to_content_length()
    {
        var m = TortureMessages.ParseValid("mult-ip-in-sdp");
        Assert.Equal(181, m.Body.Length);
        Assert.Equal("[2001:db8::10]", m.RequestUri!.Host);
    }

    [Fact]
    public void Rfc5118_4_9_ipv4_mapped_ipv6_parses()
    {
        var m = TortureMessages.ParseValid("ipv4-mapped-ipv6");
        Assert.Equal("[::ffff:192.0.2.10]", m.TopVia.Host);
        Assert.Equal(19823, m.TopVia.Port);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        Assert.Equal("[::ffff:192.0.2.2]", Assert.Single(contacts).Uri!.Host);
    }

    [Fact]
    public void Rfc5118_4_10_ipv6_bug_abnf_3_colons_is_rejected() =>
        Assert.Same(SipParseError.MalformedRequestUri, TortureMessages.ParseInvalid("ipv6-bug-abnf-3-colons"));

    [Fact]
    public void Rfc5118_4_10_ipv6_correct_abnf_2_colons_parses() =>
        Assert.Equal("[2001:db8::192.0.2.1]", TortureMessages.ParseValid("ipv6-correct-abnf-2-colons").RequestUri!.Host);
}
