namespace Cluster.Runtime.Kernel;

/// <summary>
/// One queued user message: the node of the mailbox's intrusive MPSC linked queue, so that a Tell costs exactly one
/// small allocation and an idle mailbox holds a single node (the queue's stub).
/// </summary>
internal sealed class MessageNode(object? message, IActorRef? sender)
{
    internal object? Message = message;
    internal IActorRef? Sender = sender;
    internal MessageNode? Next;
}
