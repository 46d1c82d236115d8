using Cluster.Actors.Users;
using Cluster.Edges.Sip.Auth;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Tests.Sip.Core.Support;

namespace Cluster.Edges.Tests.Sip.Registrar;

/// <summary>REGISTER over real loopback sockets against the edge and the in-process user domain (RFC 3261 §10.3, RFC 5626).</summary>
public sealed class RegistrarTests
{
    private static SipMessageBuilder Register(TestSipClient client, string user, long cseq, string? authorization, string callId,
        IEnumerable<string>? contacts = null, string? expires = "600", params (string Name, string Value)[] extra)
    {
        var b = client.NewRequest("REGISTER", $"sip:{EdgeHarness.Domain}", EdgeHarness.Uri(user), EdgeHarness.Uri(user), callId, cseq);
        foreach (var contact in contacts ?? [$"<{client.ContactUri(user)}>"]) b.AddHeader("Contact", contact);
        if (expires is not null) b.AddHeader("Expires", expires);
        foreach (var (name, value) in extra) b.AddHeader(name, value);
        if (authorization is not null) b.AddHeader("Authorization", authorization);
        return b;
    }

    private static Task<SipMessage> RegisterAuthenticated(TestSipClient client, string user, IEnumerable<string>? contacts = null, string? expires = "600",
        params (string, string)[] extra)
    {
        var callId = SipMessageBuilder.NewTag() + "@reg";
        return client.SendAuthenticatedAsync((cseq, auth) => Register(client, user, cseq, auth, callId, contacts, expires, extra));
    }

    [Theory]
    [InlineData("UDP", SipDigestAlgorithm.Md5)]
    [InlineData("UDP", SipDigestAlgorithm.Sha256)]
    [InlineData("TCP", SipDigestAlgorithm.Md5)]
    [InlineData("TCP", SipDigestAlgorithm.Sha256)]
    public async Task Register_is_challenged_then_bound_with_the_flow_it_arrived_on(string transport, SipDigestAlgorithm algorithm)
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice", transport);
        client.Algorithm = algorithm;

        var challenge = await client.SendAsync(Register(client, "alice", 1, null, "c1@reg"));
        Assert.Equal(401, challenge.StatusCode);
        var offered = challenge.Headers.Where(h => h.Kind == SipHeaderKind.WwwAuthenticate).Select(h => h.Value).ToList();
        Assert.Equal(2, offered.Count);
        Assert.Contains("algorithm=SHA-256", offered[0]);
        Assert.Contains("algorithm=MD5", offered[1]);

        var ok = await client.SendAsync(Register(client, "alice", 2, client.Authorize(challenge, Register(client, "alice", 1, null, "c1@reg").ToArray()), "c1@reg"));
        Assert.Equal(200, ok.StatusCode);
        Assert.True(ok.TryGetContacts(out var listed, out _));
        var contact = Assert.Single(listed);
        Assert.Equal(client.ContactUri("alice"), contact.Uri!.ToString());
        Assert.Equal(600u, contact.Expires);

        var binding = Assert.Single(harness.Users.StateOf(alice).Bindings.Values);
        Assert.Equal(harness.Edge.NodeId, binding.Flow.NodeId);
        Assert.True(harness.Edge.Transport.FlowTokens.TryDecode(binding.Flow.Token, out var flow));
        Assert.Equal(client.Local.Port, flow!.Remote.Port);
    }

    [Fact]
    public async Task Register_with_stale_nonce_is_challenged_again_with_stale_true()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice");
        var challenge = await client.SendAsync(Register(client, "alice", 1, null, "c2@reg"));
        harness.Time.Advance(TimeSpan.FromMinutes(6)); // nonce-lifetime is 5 minutes

        var stale = await client.SendAsync(Register(client, "alice", 2, client.Authorize(challenge, Register(client, "alice", 1, null, "c2@reg").ToArray()), "c2@reg"));
        Assert.Equal(401, stale.StatusCode);
        Assert.All(stale.Headers.Where(h => h.Kind == SipHeaderKind.WwwAuthenticate), h => Assert.Contains("stale=true", h.Value));

        var ok = await client.SendAsync(Register(client, "alice", 3, client.Authorize(stale, Register(client, "alice", 1, null, "c2@reg").ToArray()), "c2@reg"));
        Assert.Equal(200, ok.StatusCode);
    }

    [Fact]
    public async Task Replayed_nonce_count_is_refused_with_a_fresh_challenge()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice");
        var challenge = await client.SendAsync(Register(client, "alice", 1, null, "c3@reg"));
        var authorization = client.Authorize(challenge, Register(client, "alice", 1, null, "c3@reg").ToArray());
        Assert.Equal(200, (await client.SendAsync(Register(client, "alice", 2, authorization, "c3@reg"))).StatusCode);

        var replay = await client.SendAsync(Register(client, "alice", 3, authorization, "c3@reg"));
        Assert.Equal(401, replay.StatusCode);
        Assert.DoesNotContain(replay.Headers, h => h.Kind == SipHeaderKind.WwwAuthenticate && h.Value.Contains("stale=true"));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_403()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await using var wrong = await harness.ClientAsync("alice");
        wrong.Password = "not-the-password";
        await using var unknown = await harness.ClientAsync("mallory");

        var a = await RegisterAuthenticated(wrong, "alice");
        var b = await RegisterAuthenticated(unknown, "mallory");
        Assert.Equal((403, "Forbidden"), (a.StatusCode, a.ReasonPhrase));
        Assert.Equal((403, "Forbidden"), (b.StatusCode, b.ReasonPhrase));
    }

    [Fact]
    public async Task Disabled_user_is_forbidden()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await harness.Users.SendAsync(alice, new SetUserDisabled(true));
        await using var client = await harness.ClientAsync("alice");
        Assert.Equal(403, (await RegisterAuthenticated(client, "alice")).StatusCode);
    }

    [Fact]
    public async Task Too_brief_expiry_gets_423_with_min_expires()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice");
        var response = await RegisterAuthenticated(client, "alice", expires: "30");
        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.GetHeaderValue(SipHeaderKind.MinExpires));
    }

    [Fact]
    public async Task Several_contacts_are_listed_with_q_and_long_expiry_is_shortened()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice", "TCP");
        var desk = $"<sip:alice-desk@{client.Local.Address}:{client.Local.Port};transport=tcp>;q=0.9";
        var soft = $"<sip:alice-soft@{client.Local.Address}:{client.Local.Port};transport=tcp>;q=0.5;expires=99999";
        var response = await RegisterAuthenticated(client, "alice", [desk, soft], expires: "1200");

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.TryGetContacts(out var listed, out _));
        Assert.Equal(2, listed.Count);
        Assert.Equal(0.9, listed.Single(c => c.Uri!.User == "alice-desk").Q);
        Assert.Equal(1200u, listed.Single(c => c.Uri!.User == "alice-desk").Expires);
        Assert.Equal(7200u, listed.Single(c => c.Uri!.User == "alice-soft").Expires);
        Assert.Equal(2, harness.Users.StateOf(alice).Bindings.Count);
    }

    [Fact]
    public async Task Wildcard_with_expires_zero_removes_every_binding()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice");
        Assert.Equal(200, (await RegisterAuthenticated(client, "alice", [$"<sip:a1@127.0.0.1:5999>", $"<sip:a2@127.0.0.1:5998>"])).StatusCode);

        var removed = await RegisterAuthenticated(client, "alice", ["*"], expires: "0");
        Assert.Equal(200, removed.StatusCode);
        Assert.False(removed.HasHeader(SipHeaderKind.Contact));
        Assert.Empty(harness.Users.StateOf(alice).Bindings);

        var bad = await RegisterAuthenticated(client, "alice", ["*"], expires: "60");
        Assert.Equal(400, bad.StatusCode);
    }

    [Fact]
    public async Task Outbound_registration_keys_the_binding_by_instance_and_reg_id()
    {
        await using var harness = new EdgeHarness();
        var alice = await harness.CreateUserAsync("alice");
        await using var client = await harness.ClientAsync("alice", "TCP");
        const string instance = "urn:uuid:00000000-0000-1000-8000-000A95A0E128";
        var contact = $"<{client.ContactUri("alice")};ob>;+sip.instance=\"<{instance}>\";reg-id=1";

        var response = await RegisterAuthenticated(client, "alice", [contact], extra: [("Supported", "outbound, path")]);
        Assert.Equal(200, response.StatusCode);
        Assert.Contains("outbound", response.GetListValues(SipHeaderKind.Require));
        Assert.True(response.TryGetContacts(out var listed, out _));
        Assert.Equal(instance, listed[0].SipInstance);
        Assert.Equal(1, listed[0].RegId);
        Assert.Equal($"{instance}|1", Assert.Single(harness.Users.StateOf(alice).Bindings.Values).Key);

        var noInstance = await RegisterAuthenticated(client, "alice", [$"<{client.ContactUri("alice")}>;reg-id=2"], extra: [("Supported", "outbound")]);
        Assert.Equal(400, noInstance.StatusCode);
    }

    [Fact]
    public async Task A_user_cannot_register_another_users_address()
    {
        await using var harness = new EdgeHarness();
        await harness.CreateUserAsync("alice");
        await harness.CreateUserAsync("bob");
        await using var client = await harness.ClientAsync("bob");
        var callId = "c9@reg";
        // bob authenticates but asks for alice's address of record
        var response = await client.SendAuthenticatedAsync((cseq, auth) =>
        {
            var b = client.NewRequest("REGISTER", $"sip:{EdgeHarness.Domain}", EdgeHarness.Uri("bob"), EdgeHarness.Uri("alice"), callId, cseq)
                .AddHeader("Contact", $"<{client.ContactUri("bob")}>").AddHeader("Expires", "600");
            return auth is null ? b : b.AddHeader("Authorization", auth);
        });
        Assert.Equal(403, response.StatusCode);
    }
}
