using System.Collections.Concurrent;

namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// The SUBSCRIBE dialogs of this node, by subscription id (for the entity's notifications) and by dialog id (Call-ID,
/// local tag, remote tag; for refreshes). Bounded by <c>uc.sip.presence.max-subscriptions</c>; dialogs past their
/// expiry are swept when room is needed (the entity ends them too, with a terminating NOTIFY).
/// </summary>
internal sealed class SipSubscriptionTable(int capacity, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SipSubscriptionDialog> byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string CallId, string LocalTag, string RemoteTag), SipSubscriptionDialog> byDialog = new();

    public int Count => byToken.Count;

    public IEnumerable<SipSubscriptionDialog> All => byToken.Values;

    public bool TryAdd(SipSubscriptionDialog dialog)
    {
        if (byToken.Count >= capacity)
        {
            var now = time.GetUtcNow();
            foreach (var stale in byToken.Values.Where(d => d.ExpiresAt < now).ToList()) Remove(stale);
            if (byToken.Count >= capacity) return false;
        }
        byDialog[(dialog.CallId, dialog.LocalTag, dialog.RemoteTag)] = dialog;
        byToken[dialog.Endpoint.Token] = dialog;
        return true;
    }

    public SipSubscriptionDialog? Find(string token) => byToken.GetValueOrDefault(token);

    public SipSubscriptionDialog? Find(string callId, string localTag, string remoteTag) => byDialog.GetValueOrDefault((callId, localTag, remoteTag));

    public bool Remove(SipSubscriptionDialog dialog)
    {
        byDialog.TryRemove(new KeyValuePair<(string, string, string), SipSubscriptionDialog>((dialog.CallId, dialog.LocalTag, dialog.RemoteTag), dialog));
        return byToken.TryRemove(new KeyValuePair<string, SipSubscriptionDialog>(dialog.Endpoint.Token, dialog));
    }
}
