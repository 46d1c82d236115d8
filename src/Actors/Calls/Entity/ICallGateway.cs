namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// How edges (SIP, web API) and the shell reach a call's entity wherever it lives. The node provides the sharded
/// implementation (<see cref="ShardedCallGateway"/>); edges depend only on this, so they are tested without a cluster.
/// </summary>
public interface ICallGateway
{
    /// <summary>Sends a command and waits for the entity's reply (after its events are journaled).</summary>
    /// <exception cref="CallGatewayException">No reply (timeout, unavailable, failed).</exception>
    Task<ICallReply> SendAsync(string callId, ICallCommand command, CancellationToken cancellationToken = default);

    /// <summary>What <c>uc call show</c> prints about the call (a never-started call has <see cref="CallView.Exists"/> false).</summary>
    /// <exception cref="CallGatewayException">No reply (timeout, unavailable, failed).</exception>
    Task<CallView> DescribeAsync(string callId, CancellationToken cancellationToken = default);
}
