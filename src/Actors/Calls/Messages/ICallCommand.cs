namespace Cluster.Actors.Calls;

/// <summary>
/// A request to the call, decided by <see cref="CallDecider.Decide"/>. The SIP edge sets <see cref="CommandId"/> to the
/// transaction key (branch + method + sent-by) of the request or response it reports, the web API to its request id;
/// a duplicate id gets the first reply and changes nothing (see <see cref="CallRecentCommands"/>).
/// </summary>
public interface ICallCommand
{
    string? CommandId { get; }
}
