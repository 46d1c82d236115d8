namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// The receiving end of a call entity's edge effects on one node: SIP requests and responses on legs whose flow this
/// node's SIP edge holds (<see cref="CallLeg.Flow"/>; legs routed by URI go to the call's own node), and push wake-ups.
/// Each edge implements it for what it owns and declines the rest, like <see cref="Users.IEdgeEffectSink"/> for users.
/// </summary>
/// <remarks>Sinks run on the node's <see cref="CallEffectRouter"/> thread and must not block: enqueue and return.</remarks>
public interface ICallEffectSink
{
    /// <summary>
    /// Carries out <paramref name="effect"/> (<see cref="SendInvite"/>, <see cref="SendCancel"/>, <see cref="SendAck"/>,
    /// <see cref="SendBye"/>, <see cref="SendReinvite"/>, <see cref="SendUpdate"/>, <see cref="SendNotify"/>,
    /// <see cref="SendResponse"/>, <see cref="WakePushDevice"/>); true when this edge took it.
    /// </summary>
    bool TryCarryOut(ICallEffect effect);
}
