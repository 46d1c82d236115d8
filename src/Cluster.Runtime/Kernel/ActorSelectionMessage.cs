namespace Cluster.Runtime.Kernel;

/// <summary>
/// A message sent through an <see cref="ActorSelection"/> whose anchor lives on another node (Akka's
/// ActorSelectionMessage): the anchor's node resolves <see cref="Elements"/> (wildcards included) against its own
/// hierarchy and delivers <see cref="Message"/> to every match, answering an unmatched <see cref="Identify"/> with an
/// empty <see cref="ActorIdentity"/>.
/// </summary>
internal sealed record ActorSelectionMessage(object Message, string[] Elements);
