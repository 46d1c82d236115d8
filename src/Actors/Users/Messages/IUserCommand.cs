namespace Cluster.Actors.Users;

/// <summary>
/// A request to change a user, decided by <see cref="UserDecider.Decide"/>. Commands a client may resend carry a
/// <see cref="CommandId"/> (unique per client action, e.g. the web request id or the SIP transaction key); a duplicate
/// id within <see cref="RecentCommands.Capacity"/> gets the first reply and changes nothing.
/// </summary>
public interface IUserCommand
{
    string? CommandId { get; }
}
