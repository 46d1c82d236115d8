using Cluster.Runtime.Kernel;
using Cluster.Runtime.Sharding;

namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// The node's <see cref="ICallGateway"/>: an Ask to the <c>call</c> shard region. Every way of getting no answer
/// (timeout, the region rejecting the message, the entity failing to journal) surfaces as one
/// <see cref="CallGatewayException"/> whose <see cref="CallGatewayFailure"/> tells the edge which status to send.
/// </summary>
public sealed class ShardedCallGateway : ICallGateway
{
    private readonly IActorRef region;
    private readonly TimeSpan askTimeout;

    public ShardedCallGateway(IActorRef region, TimeSpan askTimeout)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (askTimeout <= TimeSpan.Zero && askTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(askTimeout), askTimeout, "the ask timeout must be positive");
        }

        this.region = region;
        this.askTimeout = askTimeout;
    }

    public Task<ICallReply> SendAsync(string callId, ICallCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AskAsync<ICallReply>(callId, command, command.GetType().Name, cancellationToken);
    }

    public Task<CallView> DescribeAsync(string callId, CancellationToken cancellationToken = default) =>
        AskAsync<CallView>(callId, GetCall.Instance, nameof(GetCall), cancellationToken);

    private async Task<T> AskAsync<T>(string callId, object message, string what, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        try
        {
            return await region.Ask<T>(new CallEnvelope(callId, message), askTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new CallGatewayException(callId, CallGatewayFailure.Timeout,
                $"call {callId} did not answer {what} within {askTimeout.TotalSeconds:0.###}s", e);
        }
        catch (ShardDeliveryException e)
        {
            throw new CallGatewayException(callId, CallGatewayFailure.Unavailable, $"call {callId} is unavailable: {e.Message}", e);
        }
        catch (CallEntityException e)
        {
            throw new CallGatewayException(callId, e.IsTransient ? CallGatewayFailure.Unavailable : CallGatewayFailure.Failed, e.Message, e);
        }
        catch (InvalidCastException e)
        {
            throw new CallGatewayException(callId, CallGatewayFailure.Failed, $"call {callId} answered {what} with something unexpected: {e.Message}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CallGatewayException(callId, CallGatewayFailure.Failed, $"call {callId} failed to answer {what}: {e.Message}", e);
        }
    }
}
