namespace Cluster.Runtime.Kernel;

/// <summary>A message with its sender, as kept by a stash and replayed by Unstash.</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
