using Cluster.Actors.Common;
using Cluster.Actors.Users;
using static Cluster.Actors.Tests.Users.UserTestKit;

namespace Cluster.Actors.Tests.Users;

public sealed class ChatTests
{
    [Fact]
    public void Message_to_an_online_user_is_journaled_and_delivered_to_every_device()
    {
        var kit = Created();
        kit.Ok(Register("c1", 1, Contact()));
        kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60));

        var decision = kit.Ok(new AcceptMessage("m1", Bob, "hello"));

        var accepted = Assert.IsType<ChatMessageAccepted>(Assert.Single(decision.Events));
        Assert.Equal(new ChatMessage("m1", Bob, Alice, ChatDirection.Incoming, "hello", "text/plain", T0, 1), accepted.Message);
        Assert.False(Assert.IsType<ChatAccepted>(decision.Reply).StoredOffline);
        var deliver = kit.Effect<DeliverChat>();
        Assert.Equal(
            [new DeliveryTarget(DeviceKind.Sip, Flow(), "sip:alice@192.0.2.10:5060"), new DeliveryTarget(DeviceKind.Web, Flow("s1", "node-c"), null)],
            deliver.Targets);
    }

    [Fact]
    public void Message_for_an_offline_user_is_kept_and_delivered_when_it_registers()
    {
        var kit = Created();
        var offline = kit.Ok(new AcceptMessage("m1", Bob, "while you were out"));
        Assert.True(Assert.IsType<ChatAccepted>(offline.Reply).StoredOffline);
        Assert.Empty(offline.Effects);
        kit.Ok(new AcceptMessage("m2", Bob, "second"));

        kit.Advance(TimeSpan.FromMinutes(10));
        var registered = kit.Ok(Register("c1", 1, Contact()));

        var deliveries = registered.Effects.OfType<DeliverChat>().ToList();
        Assert.Equal(["m1", "m2"], deliveries.Select(d => d.Message.MessageId));
        Assert.All(deliveries, d => Assert.Equal("sip:alice@192.0.2.10:5060", Assert.Single(d.Targets).ContactUri));

        // a refresh is not a new device: no second delivery
        Assert.Empty(kit.Ok(Register("c1", 2, Contact())).Effects.OfType<DeliverChat>());

        var confirmed = kit.Ok(new ConfirmDelivery(["m1", "m2"]));
        Assert.IsType<ChatMessagesDelivered>(Assert.Single(confirmed.Events));
        Assert.Equal(0, kit.State.Chat.PendingCount);
        var receipts = confirmed.Effects.OfType<TellUser>().ToList();
        Assert.Equal(2, receipts.Count);
        Assert.All(receipts, r => Assert.Equal(Bob, r.To));
        Assert.Equal(ChatReceiptKind.Delivered, Assert.IsType<RecordChatReceipt>(receipts[0].Command).Kind);

        // a session opening later gets nothing: all delivered
        Assert.Empty(kit.Ok(new AnnounceSession(Flow("s1", "node-c"), "Web", 60)).Effects.OfType<DeliverChat>());
    }

    [Fact]
    public void Offline_messages_survive_a_failover()
    {
        var kit = Created();
        kit.Ok(new AcceptMessage("m1", Bob, "kept"));
        var recovered = UserState.Replay(Alice, kit.Journal);
        Assert.Equal("m1", Assert.Single(recovered.Chat.Pending).MessageId);
    }

    [Fact]
    public void Duplicate_message_id_is_stored_once()
    {
        var kit = Created();
        var first = kit.Ok(new AcceptMessage("m1", Bob, "hello"));
        var again = kit.Ok(new AcceptMessage("m1", Bob, "hello"));
        Assert.Empty(again.Events);
        Assert.Equal(Assert.IsType<ChatAccepted>(first.Reply).Sequence, Assert.IsType<ChatAccepted>(again.Reply).Sequence);
        Assert.Single(kit.State.Chat.Messages);
    }

    [Fact]
    public void Blocked_sender_oversized_body_and_full_mailbox_are_refused()
    {
        var kit = Created();
        kit.Ok(new SetContactLevel(Carol, PermissionLevel.Blocked));
        kit.Rejected(new AcceptMessage("m0", Carol, "spam"), UserErrorCode.Blocked);
        kit.Rejected(new AcceptMessage("big", Bob, new string('x', 65)), UserErrorCode.TooLarge);
        kit.Rejected(new AcceptMessage("m0", Bob, "x", "plain"), UserErrorCode.InvalidArgument);
        for (var i = 0; i < 5; i++)
        {
            kit.Ok(new AcceptMessage($"m{i}", Bob, "x"));
        }

        kit.Rejected(new AcceptMessage("m9", Bob, "x"), UserErrorCode.MailboxFull);
    }

    [Fact]
    public void Read_receipt_implies_delivery_and_goes_back_to_the_sender()
    {
        var kit = Created();
        kit.Ok(new AcceptMessage("m1", Bob, "hello"));
        kit.Advance(TimeSpan.FromSeconds(5));
        var read = kit.Ok(new MarkRead(["m1"]));

        var message = Assert.Single(kit.State.Chat.Messages);
        Assert.Equal(kit.Now, message.ReadAt);
        Assert.Equal(kit.Now, message.DeliveredAt);
        Assert.Equal(ChatReceiptKind.Read, Assert.IsType<RecordChatReceipt>(Assert.Single(read.Effects.OfType<TellUser>()).Command).Kind);
        Assert.Empty(kit.Ok(new MarkRead(["m1"])).Events);
    }

    [Fact]
    public void Send_stores_the_own_copy_tells_the_recipient_and_records_its_receipts()
    {
        var kit = Created();
        var sent = kit.Ok(new SendMessage("m1", Bob, "hi bob"));
        var copy = Assert.IsType<ChatMessageAccepted>(Assert.Single(sent.Events)).Message;
        Assert.Equal(ChatDirection.Outgoing, copy.Direction);
        var tell = kit.Effect<TellUser>();
        Assert.Equal(Bob, tell.To);
        Assert.Equal(new AcceptMessage("m1", Alice, "hi bob") { CommandId = "chat/m1" }, tell.Command);

        kit.Ok(new RecordChatReceipt("m1", ChatReceiptKind.Delivered, T0.AddSeconds(1)));
        kit.Ok(new RecordChatReceipt("m1", ChatReceiptKind.Read, T0.AddSeconds(9)));
        var stored = kit.State.Chat.Find("m1")!;
        Assert.Equal(T0.AddSeconds(1), stored.DeliveredAt);
        Assert.Equal(T0.AddSeconds(9), stored.ReadAt);
        Assert.Empty(kit.Ok(new RecordChatReceipt("unknown", ChatReceiptKind.Read, T0)).Events);
    }

    [Fact]
    public void History_is_bounded_by_trim_events_but_pending_messages_are_never_dropped()
    {
        var kit = Created();
        kit.Ok(new AcceptMessage("pending", Bob, "undelivered"));
        for (var i = 0; i < 10; i++)
        {
            Assert.DoesNotContain(kit.Ok(new SendMessage($"out{i}", Bob, "x")).Events, e => e is ChatHistoryTrimmed);
        }

        // limit 10 plus 10% slack: 11 messages are tolerated, the 12th trims back to 10 in one event
        Assert.Equal(11, kit.State.Chat.Messages.Count);
        var decision = kit.Ok(new SendMessage("out10", Bob, "x"));

        Assert.Contains(decision.Events, e => e is ChatHistoryTrimmed);
        Assert.Equal(10, kit.State.Chat.Messages.Count);
        Assert.Equal("pending", kit.State.Chat.Messages[0].MessageId);
        Assert.Equal("out2", kit.State.Chat.Messages[1].MessageId);
    }

    [Fact]
    public void History_pages_backwards_by_message_id_time_and_peer()
    {
        var kit = Created();
        for (var i = 1; i <= 6; i++)
        {
            kit.Now = T0.AddMinutes(i);
            kit.Ok(i % 2 == 0 ? new AcceptMessage($"m{i}", Bob, "x") : new AcceptMessage($"m{i}", Carol, "x"));
            kit.Ok(new ConfirmDelivery([$"m{i}"]));
        }

        var latest = Assert.IsType<HistoryPage>(kit.Ask(new GetHistory(2)));
        Assert.Equal(["m5", "m6"], latest.Messages.Select(m => m.MessageId));
        Assert.True(latest.HasMore);

        var older = Assert.IsType<HistoryPage>(kit.Ask(new GetHistory(2, BeforeMessageId: "m5")));
        Assert.Equal(["m3", "m4"], older.Messages.Select(m => m.MessageId));

        var byTime = Assert.IsType<HistoryPage>(kit.Ask(new GetHistory(10, Before: T0.AddMinutes(3))));
        Assert.Equal(["m1", "m2"], byTime.Messages.Select(m => m.MessageId));
        Assert.False(byTime.HasMore);

        var withBob = Assert.IsType<HistoryPage>(kit.Ask(new GetHistory(10, Peer: Bob)));
        Assert.Equal(["m2", "m4", "m6"], withBob.Messages.Select(m => m.MessageId));

        Assert.Equal(UserErrorCode.NoSuchItem, Assert.IsType<CommandRejected>(kit.Ask(new GetHistory(2, BeforeMessageId: "nope"))).Code);
        Assert.Equal(UserErrorCode.InvalidArgument, Assert.IsType<CommandRejected>(kit.Ask(new GetHistory(0))).Code);
    }
}
