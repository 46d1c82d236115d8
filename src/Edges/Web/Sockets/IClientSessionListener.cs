namespace Cluster.Edges.Web;

/// <summary>
/// Lifecycle of client sessions, for the integrator: a session start creates the user's session actor (watchers,
/// subscriptions), its end removes it. Detach/resume let presence show a device as briefly offline without tearing
/// down subscriptions. Called synchronously on the edge's threads: hand off, do not block.
/// </summary>
public interface IClientSessionListener
{
    void SessionStarted(IClientSession session);

    void SessionDetached(IClientSession session);

    void SessionResumed(IClientSession session);

    void SessionEnded(IClientSession session, string reason);
}
