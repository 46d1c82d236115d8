using System.Globalization;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;

namespace Cluster.Edges.Sip.Presence;

public sealed partial class SipPresenceService
{
    /// <summary>
    /// PUBLISH (RFC 3903 §6): initial publication (body, no SIP-If-Match), refresh (SIP-If-Match, no body),
    /// modification (both) and removal (SIP-If-Match, Expires 0). The published state becomes the user's explicit
    /// state until the publication expires (<c>SetPresence(..., until)</c>), so an abandoned publication lapses without a
    /// timer on this node; removal returns to automatic presence (<c>ClearPresence</c>).
    /// </summary>
    public async Task HandlePublishAsync(SipServerTransaction transaction, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;
        if (!CheckEvent(transaction, out _)) return;

        if (!SipAddresses.TryGetAddress(request.RequestUri, out var presentity, out _))
        {
            transaction.Respond(404, "Not Found");
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

        var hasBody = request.Body.Length > 0;
        var etag = request.GetHeaderValue(SipHeaderKind.SipIfMatch)?.Trim();
        if (etag is null && !hasBody)
        {
            transaction.Respond(400, "Bad Request (PUBLISH needs a body or SIP-If-Match, RFC 3903 §6)");
            return;
        }

        PublishedPresence? published = null;
        if (hasBody)
        {
            if (!MediaTypeMatches(request.ContentType ?? "", PidfContentType) || (request.ContentType ?? "").Contains('*'))
            {
                transaction.Respond(415, "Unsupported Media Type", b => b.AddHeader("Accept", PidfContentType));
                return;
            }
            if (!PidfParser.TryParse(request.Body, out published, out var reason))
            {
                transaction.Respond(400, $"Bad Request ({SipUserErrors.Sanitize(reason)})");
                return;
            }
        }

        // RFC 3903 §6 step 1 leaves authorization to policy: only the user publishes its own presence.
        if (await context.Authenticator.AuthenticateAsync(transaction, presentity.Domain, cancellationToken).ConfigureAwait(false) is not { } user)
            return;
        if (user != presentity)
        {
            transaction.Respond(403, "Forbidden");
            return;
        }

        var granted = Settings.Grant(requested, Settings.DefaultPublishExpiresSeconds);
        if (etag is not null)
        {
            if (publications.Find(etag, user) is not { } existing)
            {
                transaction.Respond(412, "Conditional Request Failed");
                return;
            }
            if (granted == 0)
            {
                publications.Remove(etag);
                if (await SendOrAnswer(transaction, user, new ClearPresence(), cancellationToken).ConfigureAwait(false))
                    transaction.Respond(200, "OK", b => b.AddHeader("Expires", "0"));
                return;
            }
            published ??= existing.State;
        }
        else if (granted == 0)
        {
            transaction.Respond(400, "Bad Request (an initial PUBLISH cannot have Expires 0)");
            return;
        }

        var now = context.Time.GetUtcNow();
        var state = published!;
        if (!await SendOrAnswer(transaction, user, new SetPresence(state.Availability, state.Activity, now.AddSeconds(granted)), cancellationToken).ConfigureAwait(false))
            return;
        if (!await SendOrAnswer(transaction, user, new SetNote(state.Note), cancellationToken).ConfigureAwait(false))
            return;

        if (publications.Store(new SipPublicationStore.Publication(user, state, now.AddSeconds(granted)), etag) is not { } newTag)
        {
            transaction.Respond(503, "Service Unavailable", b => b.AddHeader("Retry-After", "30"));
            return;
        }

        transaction.Respond(200, "OK", b => b
            .AddHeader("SIP-ETag", newTag)
            .AddHeader("Expires", granted.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Sends a command; on refusal answers the transaction with the mapped status and returns false.</summary>
    private async Task<bool> SendOrAnswer(SipServerTransaction transaction, Cluster.Actors.Common.UserAddress user, IUserCommand command, CancellationToken cancellationToken)
    {
        var reply = await context.Users.SendAsync(user, command, cancellationToken).ConfigureAwait(false);
        if (reply is not CommandRejected rejected) return true;
        var (status, _) = SipUserErrors.ToStatus(rejected);
        transaction.Respond(status, SipUserErrors.Phrase(rejected));
        return false;
    }
}
