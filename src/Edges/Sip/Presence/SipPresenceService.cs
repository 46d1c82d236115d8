using System.Globalization;
using System.Security.Cryptography;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;

namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// Presence over SIP: the notifier of RFC 3856/6665 (SUBSCRIBE creates a dialog on this node, the user entity keeps
/// the watcher as <c>EdgeEndpoint(nodeId, subscription id)</c> and decides accepted/pending/refused by permission
/// level; NOTIFYs carry PIDF+RPID rendered from the entity's already filtered <see cref="PresenceView"/>) and the
/// event state compositor front of RFC 3903 (PUBLISH → SetPresence/SetNote).
/// </summary>
public sealed partial class SipPresenceService
{
    /// <summary>The only event package served (RFC 3856 §6.2); presence.winfo is not offered.</summary>
    public const string EventPackage = "presence";

    public const string PidfContentType = "application/pidf+xml";

    private readonly SipEdgeContext context;
    private readonly SipSubscriptionTable subscriptions;
    private readonly SipPublicationStore publications;

    internal SipPresenceService(SipEdgeContext context)
    {
        this.context = context;
        subscriptions = new SipSubscriptionTable(context.Settings.Presence.MaxSubscriptions, context.Time);
        publications = new SipPublicationStore(context.Settings.Presence.MaxSubscriptions, context.Time);
    }

    private SipPresenceSettings Settings => context.Settings.Presence;

    /// <summary>SUBSCRIBE dialogs held by this node.</summary>
    public int SubscriptionCount => subscriptions.Count;

    /// <summary>The dialogs this node holds for watchers of <paramref name="presentity"/> (for the shell).</summary>
    public IReadOnlyList<SipSubscriptionDialog> DialogsOf(UserAddress presentity) => [.. subscriptions.All.Where(d => d.Presentity == presentity)];

    /// <summary>Handles a SUBSCRIBE (new or refresh) and sends the NOTIFY that follows it (RFC 6665 §4.2.1).</summary>
    public async Task HandleSubscribeAsync(SipServerTransaction transaction, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;
        if (!CheckEvent(transaction, out var eventId)) return;

        // RFC 3856 §6.6 / RFC 6665 §4.2.1: PIDF must be acceptable (no Accept header means PIDF).
        var accept = request.GetListValues(SipHeaderKind.Accept);
        if (accept.Count > 0 && !accept.Any(a => MediaTypeMatches(a, PidfContentType)))
        {
            transaction.Respond(406, "Not Acceptable", b => b.AddHeader("Accept", PidfContentType));
            return;
        }

        if (!request.TryGetContacts(out var contacts, out _) || contacts.Count != 1 || contacts[0].Uri is not { } remoteTarget)
        {
            transaction.Respond(400, "Bad Request (SUBSCRIBE needs exactly one Contact, RFC 6665 §4.1.1)");
            return;
        }

        if (!request.TryGetExpires(out var requested))
        {
            transaction.Respond(400, "Bad Request (malformed Expires)");
            return;
        }

        if (requested is > 0 and var r && r < (uint)Settings.MinExpiresSeconds)
        {
            transaction.Respond(423, "Interval Too Brief", b => b.AddHeader("Min-Expires", Settings.MinExpiresSeconds.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        if (!SipAddresses.TryGetAddress(request.From.Uri, out var watcherAddress, out var fromError))
        {
            transaction.Respond(400, $"Bad Request ({SipUserErrors.Sanitize(fromError)})");
            return;
        }

        if (await context.Authenticator.AuthenticateAsync(transaction, watcherAddress.Domain, cancellationToken).ConfigureAwait(false) is not { } watcher)
            return;
        if (watcher != watcherAddress)
        {
            transaction.Respond(403, "Forbidden");
            return;
        }

        var granted = Settings.Grant(requested, Settings.DefaultSubscribeExpiresSeconds);
        if (request.ToTag is { } toTag)
        {
            await RefreshAsync(transaction, toTag, watcher, granted, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!SipAddresses.TryGetAddress(request.RequestUri, out var presentity, out _))
        {
            transaction.Respond(404, "Not Found");
            return;
        }

        var endpoint = new EdgeEndpoint(context.NodeId, "sub-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        var dialog = new SipSubscriptionDialog(endpoint, request.CallId, transaction.LocalTag, request.FromTag ?? "", remoteTarget.ToString(),
            request.From.Uri!.ToString(), watcher, presentity, eventId, transaction.Flow, context.Time.GetUtcNow().AddSeconds(granted));
        if (granted > 0 && !subscriptions.TryAdd(dialog))
        {
            transaction.Respond(503, "Service Unavailable", b => b.AddHeader("Retry-After", "30"));
            return;
        }

        IUserReply reply;
        try
        {
            reply = await context.Users.SendAsync(presentity, new Subscribe(endpoint, watcher, DeviceKind.Sip, granted), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            subscriptions.Remove(dialog);
            throw;
        }
        Answer(transaction, dialog, reply, granted);
    }

    private async Task RefreshAsync(SipServerTransaction transaction, string toTag, UserAddress watcher, int granted, CancellationToken cancellationToken)
    {
        var request = transaction.Request;
        if (subscriptions.Find(request.CallId, toTag, request.FromTag ?? "") is not { } dialog || dialog.Watcher != watcher)
        {
            // RFC 6665 §4.2.1.2: a refresh for a subscription we do not have.
            transaction.Respond(481, "Subscription Does Not Exist");
            return;
        }

        dialog.Flow = transaction.Flow;
        dialog.ExpiresAt = context.Time.GetUtcNow().AddSeconds(granted);
        if (granted == 0) subscriptions.Remove(dialog);
        var reply = await context.Users.SendAsync(dialog.Presentity, new Subscribe(dialog.Endpoint, watcher, DeviceKind.Sip, granted), cancellationToken)
            .ConfigureAwait(false);
        Answer(transaction, dialog, reply, granted);
    }

    /// <summary>200 for active, 202 for pending (RFC 6665 §4.2.1.1 and RFC 3265's 202), 403 for refused; then the immediate NOTIFY.</summary>
    private void Answer(SipServerTransaction transaction, SipSubscriptionDialog dialog, IUserReply reply, int granted)
    {
        if (reply is CommandRejected rejected)
        {
            subscriptions.Remove(dialog);
            var (status, _) = SipUserErrors.ToStatus(rejected);
            transaction.Respond(status, SipUserErrors.Phrase(rejected));
            return;
        }

        if (reply is not SubscriptionReply subscription)
            throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} to Subscribe");

        if (subscription.State == SubscriptionState.Refused || (subscription.State == SubscriptionState.Terminated && granted > 0))
        {
            subscriptions.Remove(dialog);
            context.Log.Information("Subscription of {Watcher} to {Presentity} refused ({State})", dialog.Watcher, dialog.Presentity, subscription.State);
            transaction.Respond(403, "Forbidden");
            return;
        }

        var contact = context.ContactUri(transaction.Flow.Transport);
        var pending = subscription.State == SubscriptionState.Pending;
        transaction.Respond(pending ? 202 : 200, pending ? "Accepted" : "OK", b => b
            .AddHeader("Expires", granted.ToString(CultureInfo.InvariantCulture))
            .AddHeader("Contact", $"<{contact}>"));

        if (granted == 0)
        {
            // RFC 6665 §4.2.1.4: a fetch or an unsubscribe ends with one terminating NOTIFY carrying the state.
            SendNotify(dialog, "terminated;reason=timeout", subscription.State == SubscriptionState.Active ? subscription.View : null, terminal: true);
            return;
        }

        SendNotify(dialog, pending ? $"pending;expires={granted}" : $"active;expires={granted}",
            pending ? null : subscription.View, terminal: false);
    }

    /// <summary>The entity's NotifyWatcher for a dialog of this node; false when the subscription id is not one of ours.</summary>
    internal bool TryNotify(NotifyWatcher notify)
    {
        if (!notify.Watcher.Token.StartsWith("sub-", StringComparison.Ordinal)) return false;
        if (subscriptions.Find(notify.Watcher.Token) is not { } dialog)
        {
            // Ours but gone (NOTIFY failed, node restarted the dialog table): tell the entity to forget the watcher.
            if (notify.State is SubscriptionState.Active or SubscriptionState.Pending) ForgetAtEntity(notify.Presentity, notify.Watcher);
            return true;
        }

        var remaining = Math.Max(0, (int)Math.Ceiling((dialog.ExpiresAt - context.Time.GetUtcNow()).TotalSeconds));
        switch (notify.State)
        {
            case SubscriptionState.Active:
                SendNotify(dialog, $"active;expires={remaining}", notify.View, terminal: false);
                break;
            case SubscriptionState.Pending:
                SendNotify(dialog, $"pending;expires={remaining}", null, terminal: false);
                break;
            case SubscriptionState.Refused:
                subscriptions.Remove(dialog);
                SendNotify(dialog, "terminated;reason=rejected", null, terminal: true);
                break;
            default:
                subscriptions.Remove(dialog);
                SendNotify(dialog, $"terminated;reason={ReasonOf(notify.Reason)}", null, terminal: true);
                break;
        }
        return true;
    }

    private static string ReasonOf(WatcherTermination? reason) => reason switch
    {
        WatcherTermination.Rejected => "rejected",
        WatcherTermination.NoResource => "noresource",
        WatcherTermination.Unsubscribed => "deactivated",
        _ => "timeout",
    };

    /// <summary>Sends an in-dialog NOTIFY (RFC 6665 §4.2.2) over the watcher's flow; a failure ends the subscription.</summary>
    private void SendNotify(SipSubscriptionDialog dialog, string subscriptionState, PresenceView? view, bool terminal)
    {
        SipMessageBuilder builder;
        try
        {
            builder = SipMessageBuilder.Request("NOTIFY", dialog.RemoteTarget);
        }
        catch (ArgumentException)
        {
            builder = SipMessageBuilder.Request("NOTIFY", dialog.WatcherUri);
        }

        builder.AddHeader("Max-Forwards", "70")
            .AddHeader("From", $"<{SipAddresses.ToSipUri(dialog.Presentity)}>;tag={dialog.LocalTag}")
            .AddHeader("To", $"<{dialog.WatcherUri}>;tag={dialog.RemoteTag}")
            .AddHeader("Call-ID", dialog.CallId)
            .AddHeader("CSeq", $"{dialog.NextCSeq()} NOTIFY")
            .AddHeader("Contact", $"<{context.ContactUri(dialog.Flow.Transport)}>")
            .AddHeader("Event", dialog.EventId is null ? EventPackage : $"{EventPackage};id={dialog.EventId}")
            .AddHeader("Subscription-State", subscriptionState);
        if (view is not null) builder.SetBody(PidfContentType, PidfRenderer.Render(view));

        SipRequestSender.Send(context.Transactions, dialog.Flow, builder, (status, _) =>
        {
            var ok = status is >= 200 and < 300;
            context.Counters.RecordNotify(ok);
            if (ok || terminal) return;
            // RFC 6665 §4.2.2: 481 (and any failure, RFC 6665 §4.1.3 for timeouts) ends the subscription.
            context.Log.Information("NOTIFY to {Watcher} for {Presentity} failed with {Status}; ending the subscription", dialog.Watcher, dialog.Presentity, status);
            if (subscriptions.Remove(dialog)) ForgetAtEntity(dialog.Presentity, dialog.Endpoint);
        });
    }

    private void ForgetAtEntity(UserAddress presentity, EdgeEndpoint endpoint)
    {
        _ = ForgetAsync();

        async Task ForgetAsync()
        {
            try
            {
                await context.Users.SendAsync(presentity, new Unsubscribe(endpoint)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                context.Log.Warning(ex, "Could not remove watcher {Endpoint} from {Presentity}", endpoint, presentity);
            }
        }
    }

    /// <summary>RFC 6665 §8.2.1: Event must name the package; others get 489 with Allow-Events.</summary>
    private static bool CheckEvent(SipServerTransaction transaction, out string? eventId)
    {
        eventId = null;
        var value = transaction.Request.GetHeaderValue(SipHeaderKind.Event);
        var parts = (value ?? "").Split(';', StringSplitOptions.TrimEntries);
        if (!parts[0].Equals(EventPackage, StringComparison.OrdinalIgnoreCase))
        {
            transaction.Respond(489, "Bad Event", b => b.AddHeader("Allow-Events", EventPackage));
            return false;
        }
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("id=", StringComparison.OrdinalIgnoreCase)) eventId = part[3..];
        }
        return true;
    }

    private static bool MediaTypeMatches(string range, string type)
    {
        var media = range.Split(';', 2)[0].Trim();
        return media.Equals(type, StringComparison.OrdinalIgnoreCase) || media is "*/*" || media.Equals("application/*", StringComparison.OrdinalIgnoreCase);
    }
}
