namespace Cluster.Actors.Users;

/// <summary>One forwarding service that is switched on.</summary>
/// <param name="Kind">When it applies.</param>
/// <param name="Target">Where to: a <c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI.</param>
/// <param name="NoAnswerSeconds">Ring time before forwarding, only for <see cref="ForwardingKind.NoAnswer"/>.</param>
public sealed record ForwardingRule(ForwardingKind Kind, string Target, int? NoAnswerSeconds);
