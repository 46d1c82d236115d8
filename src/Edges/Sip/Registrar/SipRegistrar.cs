using System.Globalization;
using Cluster.Actors.Common;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Core;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transactions;

namespace Cluster.Edges.Sip.Registrar;

/// <summary>
/// The registrar of RFC 3261 §10.3 with RFC 5626 outbound. The edge authenticates, applies the expiry policy and
/// turns the Contacts into <see cref="ContactUpdate"/>s that carry the flow the REGISTER arrived on
/// (<c>EdgeEndpoint(nodeId, flowToken)</c>); the user entity decides (CSeq order, wildcard, limits, refresh versus
/// change) and its reply becomes the 200 OK listing every live binding. Bindings therefore live with the entity,
/// wherever it runs, and requests to a device go through the node that holds its flow.
/// </summary>
public sealed class SipRegistrar
{
    private readonly SipEdgeContext context;

    internal SipRegistrar(SipEdgeContext context) => this.context = context;

    private SipRegistrarSettings Settings => context.Settings.Registrar;

    /// <summary>Handles one REGISTER (RFC 3261 §10.3 steps 1-8) and answers its transaction.</summary>
    public async Task HandleAsync(SipServerTransaction transaction, CancellationToken cancellationToken = default)
    {
        var request = transaction.Request;

        // Step 5: the address of record is the To URI (canonicalised: user@host).
        if (!SipAddresses.TryGetAddress(request.To.Uri, out var aor, out var reason))
        {
            transaction.Respond(404, "Not Found");
            context.Log.Debug("REGISTER refused: {Reason}", reason);
            return;
        }

        if (!request.TryGetContacts(out var contacts, out var contactError))
        {
            transaction.Respond(400, $"Bad Request ({contactError!.Reason})");
            return;
        }

        if (!request.TryGetExpires(out var headerExpires))
        {
            transaction.Respond(400, "Bad Request (malformed Expires)");
            return;
        }

        // Steps 3-4: authenticate, then only the user may change its own bindings.
        if (await context.Authenticator.AuthenticateAsync(transaction, aor.Domain, cancellationToken).ConfigureAwait(false) is not { } user)
            return;
        if (user != aor)
        {
            context.Log.Information("REGISTER for {Aor} by {User} refused: a user may register only its own address", aor, user);
            transaction.Respond(403, "Forbidden");
            return;
        }

        var outbound = request.GetListValues(SipHeaderKind.Supported).Any(t => t.Trim().Equals("outbound", StringComparison.OrdinalIgnoreCase));
        var flow = context.FlowEndpoint(transaction.Flow);
        var path = request.GetListValues(SipHeaderKind.Path).Select(p => p.Trim()).ToList();
        var userAgent = request.GetHeaderValue(SipHeaderKind.UserAgent);
        var updates = new List<ContactUpdate>(contacts.Count);
        var usesOutbound = false;
        foreach (var contact in contacts)
        {
            if (contact.IsWildcard)
            {
                // Step 6: '*' only with Expires: 0 and alone; the entity enforces it and answers InvalidWildcard.
                updates.Add(new ContactUpdate(ContactUpdate.Wildcard, (int)Math.Min(headerExpires ?? 1, int.MaxValue), null, null, null, flow, path, userAgent));
                continue;
            }

            var requested = contact.Expires ?? headerExpires;
            if (requested is > 0 and var r && r < (uint)Settings.MinExpiresSeconds)
            {
                // RFC 3261 §10.3 step 7: too brief → 423 with our minimum.
                transaction.Respond(423, "Interval Too Brief", b => b.AddHeader("Min-Expires", Settings.MinExpiresSeconds.ToString(CultureInfo.InvariantCulture)));
                return;
            }

            var granted = requested is null ? Settings.DefaultExpiresSeconds : (int)Math.Min(requested.Value, (uint)Settings.MaxExpiresSeconds);
            var instance = contact.SipInstance;
            var regId = contact.RegId;
            if (contact.Parameters.Contains("reg-id"))
            {
                // RFC 5626 §6: reg-id needs +sip.instance (and a number); without Supported: outbound it is ignored.
                if (regId is null or < 1 || instance is null)
                {
                    transaction.Respond(400, "Bad Request (reg-id needs +sip.instance and a positive number, RFC 5626 §4.2)");
                    return;
                }
                if (!outbound) regId = null;
                else usesOutbound = true;
            }

            if (contact.Q is { } q && q is < 0 or > 1)
            {
                transaction.Respond(400, "Bad Request (q must be between 0 and 1)");
                return;
            }
            if (contact.Parameters.Contains("q") && contact.Q is null)
            {
                transaction.Respond(400, "Bad Request (malformed q value)");
                return;
            }

            updates.Add(new ContactUpdate(contact.Uri!.ToString(), granted, instance, regId, contact.Q, flow, path, userAgent));
        }

        var register = new Register(request.CallId, request.CSeq.Number, updates) { CommandId = $"register/{request.CallId}/{request.CSeq.Number}" };
        var reply = await context.Users.SendAsync(aor, register, cancellationToken).ConfigureAwait(false);
        switch (reply)
        {
            case BindingsReply bindings:
                transaction.Respond(200, "OK", b =>
                {
                    // Step 8: every live binding with its remaining time.
                    foreach (var binding in bindings.Bindings) b.AddHeader("Contact", ContactValue(binding));
                    b.AddHeader("Date", context.Time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
                    // RFC 5626 §6: a registrar that used reg-id says so with Require: outbound.
                    if (usesOutbound) b.AddHeader("Require", "outbound");
                    b.AddHeader("Supported", string.Join(", ", SipEdge.SupportedExtensions));
                    if (path.Count > 0) b.AddHeader("Path", string.Join(", ", path));
                });
                break;
            case CommandRejected rejected:
                context.Log.Information("REGISTER for {Aor} refused by the entity: {Code} {Reason}", aor, rejected.Code, rejected.Reason);
                var (status, _) = SipUserErrors.ToStatus(rejected);
                transaction.Respond(status, SipUserErrors.Phrase(rejected));
                break;
            default:
                throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} to Register");
        }
    }

    /// <summary>A Contact header value for a binding in a 200 OK (RFC 3261 §10.3 step 8, RFC 5626 §6).</summary>
    public static string ContactValue(BindingView binding)
    {
        var value = $"<{binding.ContactUri}>;expires={binding.ExpiresInSeconds}";
        if (binding.Q is { } q) value += ";q=" + q.ToString("0.###", CultureInfo.InvariantCulture);
        if (binding.InstanceId is { } instance) value += $";+sip.instance=\"<{instance}>\"";
        if (binding.RegId is { } regId) value += ";reg-id=" + regId.ToString(CultureInfo.InvariantCulture);
        return value;
    }
}
