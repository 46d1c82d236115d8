namespace Cluster.Actors.Users;

/// <summary>A command id and the reply it got, kept so a resend gets the same reply.</summary>
public sealed record RecordedCommand(string CommandId, IUserReply Reply);
