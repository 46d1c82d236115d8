using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class RegistrationTests
{
    [Fact]
    public void New_contact_journals_binding_added_and_replies_with_the_bindings()
    {
        var kit = Created();
        var decision = kit.Ok(Register("call-1", 1, Contact(expires: 3600)));

        var added = Assert.IsType<BindingAdded>(Assert.Single(decision.Events));
        Assert.Equal("sip:alice@192.0.2.10:5060", added.Binding.Key);
        Assert.Equal(T0.AddHours(1), added.Binding.ExpiresAt);
        Assert.Equal(Flow(), added.Binding.Flow);
        var reply = Assert.IsType<BindingsReply>(decision.Reply);
        Assert.Equal(3600, Assert.Single(reply.Bindings).ExpiresInSeconds);
    }

    [Fact]
    public void Refresh_with_higher_cseq_is_ephemeral_and_extends_the_expiry()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact(expires: 600)));
        kit.Advance(TimeSpan.FromMinutes(5));

        var decision = kit.Ok(Register("call-1", 2, Contact(expires: 600)));

        Assert.Empty(decision.Events);
        Assert.False(decision.Persists);
        var refreshed = Assert.IsType<BindingRefreshed>(Assert.Single(decision.Ephemeral));
        Assert.Equal(kit.Now.AddSeconds(600), refreshed.Refresh.ExpiresAt);
        var live = Assert.Single(kit.State.LiveBindings(kit.Now));
        Assert.Equal(kit.Now.AddSeconds(600), live.ExpiresAt);
        Assert.Equal(2, live.CSeq);
        // the journaled binding keeps its first expiry: this is what a failover recovers
        Assert.Equal(T0.AddSeconds(600), UserState.Replay(Alice, kit.Journal).Bindings.Values.Single().ExpiresAt);
    }

    [Fact]
    public void Refresh_over_another_flow_is_journaled_as_binding_changed()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact(flow: Flow("flow-1", "node-a"))));
        var decision = kit.Ok(Register("call-1", 2, Contact(flow: Flow("flow-9", "node-b"))));

        var changed = Assert.IsType<BindingChanged>(Assert.Single(decision.Events));
        Assert.Equal(Flow("flow-9", "node-b"), changed.Binding.Flow);
        Assert.Equal(T0, changed.Binding.RegisteredAt);
    }

    [Fact]
    public void Same_call_id_with_older_or_equal_cseq_is_rejected_and_nothing_changes()
    {
        // RFC 3261 §10.3 step 7
        var kit = Created();
        kit.Ok(Register("call-1", 5, Contact()));
        kit.Ok(Register("call-1", 6, Contact(expires: 100)));

        var rejected = kit.Rejected(Register("call-1", 6, Contact(expires: 0)), UserErrorCode.OutOfOrder);
        Assert.Contains("§10.3", rejected.Reason, StringComparison.Ordinal);
        kit.Rejected(Register("call-1", 4, Contact()), UserErrorCode.OutOfOrder);
        Assert.Single(kit.State.LiveBindings(kit.Now));
    }

    [Fact]
    public void Different_call_id_updates_the_binding_whatever_its_cseq()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 50, Contact()));
        var decision = kit.Ok(Register("call-after-reboot", 1, Contact()));

        var changed = Assert.IsType<BindingChanged>(Assert.Single(decision.Events));
        Assert.Equal("call-after-reboot", changed.Binding.CallId);
    }

    [Fact]
    public void Expires_zero_removes_the_binding()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact()));
        var decision = kit.Ok(Register("call-1", 2, Contact(expires: 0)));

        Assert.Equal(BindingRemovalReason.Unregistered, Assert.IsType<BindingRemoved>(Assert.Single(decision.Events)).Reason);
        Assert.Empty(Assert.IsType<BindingsReply>(decision.Reply).Bindings);
    }

    [Fact]
    public void Expires_zero_for_an_unknown_contact_is_accepted_and_changes_nothing()
    {
        var kit = Created();
        var decision = kit.Ok(Register("call-1", 1, Contact(expires: 0)));
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Wildcard_with_expires_zero_removes_all_bindings()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact("sip:alice@192.0.2.10")));
        kit.Ok(Register("call-2", 1, Contact("sip:alice@192.0.2.11")));

        var decision = kit.Ok(Register("call-3", 1, Contact(ContactUpdate.Wildcard, expires: 0)));

        Assert.Equal(2, decision.Events.Count);
        Assert.All(decision.Events, e => Assert.Equal(BindingRemovalReason.Wildcard, Assert.IsType<BindingRemoved>(e).Reason));
        Assert.Empty(kit.State.Bindings);
    }

    [Fact]
    public void Wildcard_with_non_zero_expires_or_other_contacts_is_invalid()
    {
        // RFC 3261 §10.3 step 6: "*" only with Expires: 0 and no other Contact
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact()));
        kit.Rejected(Register("call-1", 2, Contact(ContactUpdate.Wildcard, expires: 3600)), UserErrorCode.InvalidWildcard);
        kit.Rejected(Register("call-1", 2, Contact(ContactUpdate.Wildcard, expires: 0), Contact("sip:x@192.0.2.1")), UserErrorCode.InvalidWildcard);
        Assert.Single(kit.State.Bindings);
    }

    [Fact]
    public void Wildcard_with_an_old_cseq_for_the_same_call_id_fails()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 7, Contact()));
        kit.Rejected(Register("call-1", 7, Contact(ContactUpdate.Wildcard, expires: 0)), UserErrorCode.OutOfOrder);
    }

    [Fact]
    public void A_failing_contact_aborts_the_whole_register()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 3, Contact("sip:a@192.0.2.1")));
        kit.Rejected(Register("call-1", 2, Contact("sip:new@192.0.2.2"), Contact("sip:a@192.0.2.1")), UserErrorCode.OutOfOrder);
        Assert.Single(kit.State.Bindings);
    }

    [Fact]
    public void Outbound_bindings_are_keyed_by_instance_and_reg_id()
    {
        // RFC 5626 §6: same instance and reg-id replace each other even with a new contact address
        var kit = Created();
        const string instance = "<urn:uuid:00000000-0000-1000-8000-000a95a0e128>";
        kit.Ok(Register("call-1", 1, Contact("sip:alice@192.0.2.10;transport=tcp", instance: instance, regId: 1)));
        var decision = kit.Ok(Register("call-1", 2, Contact("sip:alice@198.51.100.7;transport=tcp", instance: instance, regId: 1)));

        Assert.IsType<BindingChanged>(Assert.Single(decision.Events));
        Assert.Equal($"{instance}|1", Assert.Single(kit.State.Bindings).Key);
    }

    [Fact]
    public void More_bindings_than_allowed_are_refused()
    {
        var kit = Created();
        for (var i = 0; i < 3; i++)
        {
            kit.Ok(Register($"call-{i}", 1, Contact($"sip:alice@192.0.2.{i}")));
        }

        kit.Rejected(Register("call-9", 1, Contact("sip:alice@192.0.2.9")), UserErrorCode.LimitExceeded);
    }

    [Fact]
    public void After_the_limit_was_lowered_existing_bindings_still_refresh_and_leave()
    {
        var kit = new UserTestKit(Alice, TestSettings with { MaxBindings = 3 });
        kit.Ok(new CreateUser("Alice"));
        for (var i = 0; i < 3; i++)
        {
            kit.Ok(Register($"call-{i}", 1, Contact($"sip:alice@192.0.2.{i}")));
        }

        var lowered = new UserDecider(TestSettings with { MaxBindings = 1 });
        var refresh = lowered.Decide(kit.State, Register("call-0", 2, Contact("sip:alice@192.0.2.0")), kit.Now);
        Assert.False(refresh.IsRejected);
        var grow = lowered.Decide(kit.State, Register("call-9", 1, Contact("sip:alice@192.0.2.9")), kit.Now);
        Assert.Equal(UserErrorCode.LimitExceeded, Assert.IsType<CommandRejected>(grow.Reply).Code);
    }

    [Fact]
    public void Expired_bindings_are_removed_by_expire_due_and_do_not_count()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact(expires: 60)));
        Assert.Equal(T0.AddSeconds(60), kit.State.NextDeadline());

        kit.Now = T0.AddSeconds(60);
        Assert.Empty(kit.State.LiveBindings(kit.Now));
        var decision = kit.Ok(ExpireDue.Instance);

        Assert.Equal(BindingRemovalReason.Expired, Assert.IsType<BindingRemoved>(Assert.Single(decision.Events)).Reason);
        Assert.Empty(kit.State.Bindings);
    }

    [Fact]
    public void Refreshed_binding_is_not_expired_at_its_journaled_expiry()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact(expires: 60)));
        kit.Advance(TimeSpan.FromSeconds(50));
        kit.Ok(Register("call-1", 2, Contact(expires: 60)));

        kit.Now = T0.AddSeconds(61);
        Assert.Empty(kit.Ok(ExpireDue.Instance).Events);
        Assert.Single(kit.State.LiveBindings(kit.Now));
        Assert.Equal(T0.AddSeconds(110), kit.State.NextDeadline());
    }

    [Fact]
    public void Re_register_after_expiry_is_a_new_binding_even_with_an_old_cseq()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 10, Contact(expires: 60)));
        kit.Now = T0.AddMinutes(5);
        var decision = kit.Ok(Register("call-1", 3, Contact(expires: 60)));
        Assert.IsType<BindingAdded>(Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData("not a uri", 60, "not a URI")]
    [InlineData("sip:a@192.0.2.1", -1, "out of range")]
    public void Malformed_contacts_are_rejected_with_the_reason(string uri, int expires, string reason)
    {
        var kit = Created();
        var rejected = kit.Rejected(Register("call-1", 1, Contact(uri, expires)), UserErrorCode.InvalidArgument);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reg_id_without_instance_and_a_missing_flow_are_rejected()
    {
        var kit = Created();
        kit.Rejected(Register("call-1", 1, Contact(regId: 1)), UserErrorCode.InvalidArgument);
        kit.Rejected(Register("call-1", 1, Contact(flow: new Cluster.Actors.Common.EdgeEndpoint("", "x"))), UserErrorCode.InvalidArgument);
        kit.Rejected(Register("", 1, Contact()), UserErrorCode.InvalidArgument);
        kit.Rejected(Register("call-1", 1L << 31, Contact()), UserErrorCode.InvalidArgument);
    }

    [Fact]
    public void Register_without_contacts_is_a_query_of_the_bindings()
    {
        var kit = Created();
        kit.Ok(Register("call-1", 1, Contact()));
        var decision = kit.Ok(Register("call-2", 1));
        Assert.Empty(decision.Events);
        Assert.Single(Assert.IsType<BindingsReply>(decision.Reply).Bindings);
    }
}
