using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Messaging;

/// <summary>
/// Page-mode instant messages (RFC 3428). An incoming MESSAGE from an authenticated user is handed to the
/// recipient's entity (<c>AcceptMessage</c>), which journals it and delivers it to every live device or keeps it
/// offline: the answer is 200 when a device could take it now and 202 Accepted when it was stored (RFC 3428 §7 allows
/// 202 for a message accepted for later delivery). The sender's entity then stores its own copy (<c>SendMessage</c>,
/// de-duplicated by the message id). Deliveries to SIP devices arrive here through <see cref="IEdgeEffectSink"/> and
/// go out as MESSAGE over the device's flow; a 2xx confirms delivery to the entity (<c>ConfirmDelivery</c>).
/// </summary>
public sealed class SipMessageService
{
    /// <summary>Content types passed through as they are (RFC 3428 §9: text/plain must be supported).</summary>
    public static readonly IReadOnlyList<string> ContentTypes = ["text/plain", "text/html", IsComposingContentType];

    /// <summary>RFC 3994 composing indications: delivered only to users with a live device, never stored offline.</summary>
    public const string IsComposingContentType = "application/im-iscomposing+xml";

    private readonly SipEdgeContext context;

    internal SipMessageService(SipEdgeContext context) => this.context = context;

    /// <summary>Handles one incoming MESSAGE and answers its transaction.</summary>
    public async Task HandleAsync(SipServerTransaction transaction, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;
        if (request.ToTag is not null)
        {
            // The edge keeps no MESSAGE sessions; an in-dialog MESSAGE belongs to no dialog here (RFC 3261 §12.2.2).
            transaction.Respond(481, "Call/Transaction Does Not Exist");
            return;
        }

        if (request.Body.Length > context.Settings.Messaging.MaxBodySize)
        {
            transaction.Respond(413, "Request Entity Too Large");
            return;
        }

        var contentType = (request.ContentType ?? "text/plain").Split(';', 2)[0].Trim().ToLowerInvariant();
        if (!ContentTypes.Contains(contentType))
        {
            transaction.Respond(415, "Unsupported Media Type", b => b.AddHeader("Accept", string.Join(", ", ContentTypes)));
            return;
        }

        if (!SipAddresses.TryGetAddress(request.From.Uri, out var from, out var fromError))
        {
            transaction.Respond(400, $"Bad Request ({SipUserErrors.Sanitize(fromError)})");
            return;
        }

        if (!SipAddresses.TryGetAddress(request.RequestUri, out var to, out _))
        {
            transaction.Respond(404, "Not Found");
            return;
        }

        if (await context.Authenticator.AuthenticateAsync(transaction, from.Domain, cancellationToken).ConfigureAwait(false) is not { } sender)
            return;
        if (sender != from)
        {
            transaction.Respond(403, "Forbidden");
            return;
        }

        if (contentType == IsComposingContentType && !await IsReachableAsync(to, cancellationToken).ConfigureAwait(false))
        {
            transaction.Respond(480, "Temporarily Unavailable");
            return;
        }

        var messageId = MessageIdFor(sender, request);
        var body = Encoding.UTF8.GetString(request.Body.Span);
        var subject = request.GetHeaderValue(SipHeaderKind.Subject);
        var reply = await context.Users.SendAsync(to, new AcceptMessage(messageId, sender, body, contentType, subject) { CommandId = $"chat/{messageId}" },
            cancellationToken).ConfigureAwait(false);
        switch (reply)
        {
            case ChatAccepted accepted:
                transaction.Respond(accepted.StoredOffline ? 202 : 200, accepted.StoredOffline ? "Accepted" : "OK");
                await StoreSenderCopyAsync(sender, to, messageId, body, contentType, subject, cancellationToken).ConfigureAwait(false);
                break;
            case CommandRejected rejected:
                context.Log.Information("MESSAGE from {Sender} to {Recipient} refused: {Code} {Reason}", sender, to, rejected.Code, rejected.Reason);
                var (status, _) = SipUserErrors.ToStatus(rejected);
                transaction.Respond(status, SipUserErrors.Phrase(rejected));
                break;
            default:
                throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} to AcceptMessage");
        }
    }

    /// <summary>A message for a SIP device whose flow this node holds: send it as MESSAGE over that flow.</summary>
    internal bool TryDeliver(ChatMessage message, DeliveryTarget target)
    {
        if (target.ContactUri is not { } contact) return false;
        SipFlow flow;
        try
        {
            flow = context.Transport.ResolveFlowToken(target.Edge.Token).Flow!;
        }
        catch (SipTransportException ex)
        {
            // RFC 5626 §5.3: the flow is gone; the message stays undelivered until the device registers again.
            context.Counters.RecordDelivery(false);
            context.Log.Information("MESSAGE {MessageId} to {Contact} not sent: {Reason}", message.MessageId, contact, ex.Message);
            return true;
        }

        SipMessageBuilder builder;
        try
        {
            builder = SipMessageBuilder.Request("MESSAGE", contact);
        }
        catch (ArgumentException)
        {
            context.Counters.RecordDelivery(false);
            context.Log.Warning("MESSAGE {MessageId} not sent: binding contact '{Contact}' is not a usable Request-URI", message.MessageId, contact);
            return true;
        }

        builder.AddHeader("Max-Forwards", "70")
            .AddHeader("From", $"<{SipAddresses.ToSipUri(message.From)}>;tag={SipMessageBuilder.NewTag()}")
            .AddHeader("To", $"<{SipAddresses.ToSipUri(message.To)}>")
            .AddHeader("Call-ID", $"{message.MessageId}-{SipMessageBuilder.NewTag()}")
            .AddHeader("CSeq", "1 MESSAGE")
            // RFC 3428 §5 / RFC 3261 §20.17: the time the message was accepted, which matters for messages stored offline.
            .AddHeader("Date", message.AcceptedAt.ToString("r", CultureInfo.InvariantCulture));
        if (message.Subject is { Length: > 0 } subject) builder.AddHeader("Subject", subject);
        builder.SetBody(message.ContentType, Encoding.UTF8.GetBytes(message.Body));

        SipRequestSender.Send(context.Transactions, flow, builder, (status, _) =>
        {
            var ok = status is >= 200 and < 300;
            context.Counters.RecordDelivery(ok);
            if (ok) ConfirmDelivery(message);
            else context.Log.Information("MESSAGE {MessageId} to {Contact} failed with {Status}; it stays in the offline store", message.MessageId, contact, status);
        });
        return true;
    }

    private void ConfirmDelivery(ChatMessage message)
    {
        _ = ConfirmAsync();

        async Task ConfirmAsync()
        {
            try
            {
                await context.Users.SendAsync(message.To, new ConfirmDelivery([message.MessageId])).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                context.Log.Warning(ex, "Delivery of {MessageId} to {User} could not be confirmed", message.MessageId, message.To);
            }
        }
    }

    private async Task<bool> IsReachableAsync(UserAddress user, CancellationToken cancellationToken) =>
        await context.Users.QueryAsync(user, GetCallTargets.Instance, cancellationToken).ConfigureAwait(false) is CallTargetsReply targets
        && (targets.Bindings.Count > 0 || targets.Sessions.Count > 0);

    private async Task StoreSenderCopyAsync(UserAddress sender, UserAddress to, string messageId, string body, string contentType, string? subject,
        CancellationToken cancellationToken)
    {
        if (contentType == IsComposingContentType) return;
        var reply = await context.Users.SendAsync(sender, new SendMessage(messageId, to, body, contentType, subject) { CommandId = $"send/{messageId}" },
            cancellationToken).ConfigureAwait(false);
        if (reply is CommandRejected rejected)
            context.Log.Information("Sender copy of {MessageId} not stored for {Sender}: {Code} {Reason}", messageId, sender, rejected.Code, rejected.Reason);
    }

    /// <summary>
    /// A message id that is the same for every retransmission and every retry through another node of one MESSAGE
    /// (sender, Call-ID and CSeq identify a request, RFC 3261 §8.1.1), so the entities de-duplicate it.
    /// </summary>
    internal static string MessageIdFor(UserAddress sender, SipMessage request) =>
        "sip-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sender}\n{request.CallId}\n{request.CSeq.Number}")))[..32];
}
