using System.Text;
using Cluster.Edges.Sip.Parsing;

namespace Cluster.Edges.Tests.Sip.Parsing;

/// <summary>RFC 4475 §3.1.1: valid messages every parser must accept, with their semantics checked.</summary>
public sealed class Rfc4475ValidMessageTests
{
    [Fact]
    public void Rfc4475_3_1_1_1_wsinv_parses()
    {
        var m = TortureMessages.ParseValid("wsinv");
        Assert.Equal(SipMethod.Invite, m.Method);
        Assert.Equal("vivekg", m.RequestUri!.User);
        Assert.Equal("chair-dnrc.example.com", m.RequestUri.Host);
        Assert.True(m.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", m.ToTag);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com", m.To.Uri!.ToString());
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal("98asjd8", m.FromTag);
        Assert.True(m.TryGetMaxForwards(out var mf));
        Assert.Equal(68, mf);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(new SipCSeq(9, SipMethod.Invite, "INVITE"), m.CSeq);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(150, m.Body.Length);
        Assert.Equal(3, m.ViaCount);
        Assert.Equal(["192.0.2.2", "spindle.example.com", "192.168.255.111"], m.Vias.Select(v => v.Host));
        Assert.Equal(["UDP", "TCP", "UDP"], m.Vias.Select(v => v.Transport));
        Assert.Equal(["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"], m.Vias.Select(v => v.Branch));
        Assert.Equal("", m.GetHeaderValue("Subject"));
        Assert.Equal("newfangled value continued newfangled value", m.GetHeaderValue("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.GetHeaderValue("UnknownHeaderWithUnusualValue"));
        Assert.Equal("application/sdp", m.ContentType);
        Assert.True(m.TryGetRoutes(out var routes, out _));
        Assert.True(Assert.Single(routes).Uri!.IsLooseRouter);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        var contact = Assert.Single(contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.GetValue("newparam"));
        Assert.True(contact.Parameters.TryGet("secondparam", out var flag) && flag.Value is null);
        Assert.Equal(0.33, contact.Q);
        Assert.Equal(14, m.HeaderCount);
    }

    [Fact]
    public void Rfc4475_3_1_1_2_intmeth_parses()
    {
        var m = TortureMessages.ParseValid("intmeth");
        Assert.Equal(SipMethod.Extension, m.Method);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.MethodText);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri!.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", m.TopVia.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7F", m.To.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
        Assert.Equal("\"работающий\"", m.From.Parameters.GetValue("fromParam''~+*_!.-%"));
        Assert.Equal("_token~1'+`*%!-.", m.FromTag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal(139122385u, m.CSeq.Number);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.CSeq.MethodToken);
        Assert.Equal("\uFEFF大停電", m.GetHeaderValue("extensionHeader-!.%*+_`'~"));
    }

    [Fact]
    public void Rfc4475_3_1_1_3_esc01_parses_with_escapes_decoded()
    {
        var m = TortureMessages.ParseValid("esc01");
        Assert.Equal("sips:user@example.com", m.RequestUri!.User);
        Assert.Equal("user", m.To.Uri!.User);
        Assert.Equal("I have spaces", m.From.Uri!.User);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", m.CallId);
        Assert.Equal("application/sdp", m.ContentType);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        var uri = Assert.Single(contacts).Uri!;
        Assert.Equal("caller", uri.User);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal("value%41", uri.Parameters.GetValue("name"));
    }

    [Fact]
    public void Rfc4475_3_1_1_4_escnull_parses_with_escaped_nulls()
    {
        var m = TortureMessages.ParseValid("escnull");
        Assert.Equal("null-\0-null", m.To.Uri!.User);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        Assert.Equal(["\0", "\0\0"], contacts.Select(c => c.Uri!.User));
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Rfc4475_3_1_1_5_esc02_keeps_percent_literal_outside_escapes()
    {
        var m = TortureMessages.ParseValid("esc02");
        Assert.Equal(SipMethod.Extension, m.Method);
        Assert.Equal("RE%47IST%45R", m.MethodText);
        Assert.Equal("%Z%45", m.To.DisplayName);
        Assert.Equal("z9hG4bK209%fzsnel234", m.TopVia.Branch);
        Assert.True(m.TryGetContacts(out var contacts, out _));
        Assert.Equal(["alias1", "alias3"], contacts.Select(c => c.Uri!.User));
        Assert.Equal("<sip:alias2@host2.example.com>", m.GetHeaderValue("C%6Fntact"));
    }

    [Fact]
    public void Rfc4475_3_1_1_6_lwsdisp_parses_display_name_without_space()
    {
        var m = TortureMessages.ParseValid("lwsdisp");
        Assert.Equal("caller", m.From.DisplayName);
        Assert.Equal("caller", m.From.Uri!.User);
        Assert.Equal("323", m.FromTag);
    }

    [Fact]
    public void Rfc4475_3_1_1_7_longreq_parses_long_values()
    {
        var m = TortureMessages.ParseValid("longreq");
        Assert.Equal(34, m.ViaCount);
        Assert.Equal("sip33.example.com", m.TopVia.Host);
        Assert.Equal("192.0.2.5", m.Vias[^1].Received);
        Assert.StartsWith("verylong", m.Vias[^1].Branch);
        Assert.Equal("longreq.one" + string.Concat(Enumerable.Repeat("really", 20)) + "longcallid", m.CallId);
        Assert.Equal(6000, m.To.Uri!.Port);
        Assert.StartsWith("I have a user name of extreme", m.To.DisplayName);
        Assert.StartsWith("12982982", m.FromTag);
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Rfc4475_3_1_1_8_dblreq_parses_first_message_and_discards_the_rest_of_the_datagram()
    {
        var m = TortureMessages.ParseValid("dblreq");
        Assert.Equal(SipMethod.Register, m.Method);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void Rfc4475_3_1_1_9_semiuri_keeps_semicolons_in_user_part()
    {
        var m = TortureMessages.ParseValid("semiuri");
        Assert.Equal("user;par=u@example.net", m.RequestUri!.User);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Equal(["application/sdp", "application/pkcs7-mime", "multipart/mixed", "multipart/signed", "message/sip", "message/sipfrag"],
            m.GetListValues(SipHeaderKind.Accept));
    }

    [Fact]
    public void Rfc4475_3_1_1_10_transports_parses_unknown_transport_tokens()
    {
        var m = TortureMessages.ParseValid("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport));
    }

    [Fact]
    public void Rfc4475_3_1_1_11_mpart01_frames_binary_body_by_content_length()
    {
        var m = TortureMessages.ParseValid("mpart01");
        Assert.Equal(SipMethod.Message, m.Method);
        Assert.Equal(553, m.Body.Length);
        Assert.Contains((byte)0, m.Body.ToArray());
        Assert.StartsWith("multipart/mixed", m.ContentType);
        Assert.True(m.TopVia.HasRPort);
        Assert.Null(m.TopVia.RPort);
    }

    [Fact]
    public void Rfc4475_3_1_1_12_unreason_keeps_utf8_reason_phrase()
    {
        var m = TortureMessages.ParseValid("unreason");
        Assert.False(m.IsRequest);
        Assert.Equal(200, m.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
        Assert.Equal(154, m.Body.Length);
    }

    [Fact]
    public void Rfc4475_3_1_1_13_noreason_accepts_empty_reason_phrase()
    {
        var m = TortureMessages.ParseValid("noreason");
        Assert.Equal(100, m.StatusCode);
        Assert.Equal("", m.ReasonPhrase);
        Assert.Equal(Encoding.ASCII.GetBytes("902jndnke3"), Encoding.ASCII.GetBytes(m.ToTag!));
    }
}
