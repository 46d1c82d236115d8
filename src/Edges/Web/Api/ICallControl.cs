using Cluster.Actors.Common;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Third-party call control for the web client (click-to-dial through the user's own phone, answer, hold, transfer):
/// the seam between the client API and the call entities. The node provides the implementation once calls exist;
/// without one the <c>phone.*</c> call operations answer <c>unavailable</c> while forwarding and remote office (user
/// settings) keep working. Implementations throw <see cref="ClientRequestException"/> with <c>not-found</c>,
/// <c>forbidden</c> or <c>conflict</c> for refusals the client should show.
/// </summary>
public interface ICallControl
{
    /// <summary>
    /// Click-to-dial (3PCC, RFC 3725 flow I): rings the user's own device first (<paramref name="deviceId"/>, or the
    /// user's devices), then calls <paramref name="target"/> when it answers.
    /// </summary>
    Task<CallInfo> DialAsync(UserAddress user, string target, string? deviceId, CancellationToken cancellationToken);

    /// <summary>Answers a ringing incoming call on <paramref name="deviceId"/> (or the device that rings).</summary>
    Task<CallInfo> AnswerAsync(UserAddress user, string callId, string? deviceId, CancellationToken cancellationToken);

    /// <summary>Ends the user's leg of the call (or rejects it while ringing).</summary>
    Task HangupAsync(UserAddress user, string callId, CancellationToken cancellationToken);

    /// <summary>Puts the call on hold (RFC 6337 §5.3: the user's side goes sendonly/inactive).</summary>
    Task<CallInfo> HoldAsync(UserAddress user, string callId, CancellationToken cancellationToken);

    /// <summary>Takes the call off hold.</summary>
    Task<CallInfo> ResumeAsync(UserAddress user, string callId, CancellationToken cancellationToken);

    /// <summary>Blind transfer of the remote party to <paramref name="target"/> (RFC 5589 §6).</summary>
    Task TransferAsync(UserAddress user, string callId, string target, CancellationToken cancellationToken);

    /// <summary>The user's calls that have not ended.</summary>
    Task<IReadOnlyList<CallInfo>> ListCallsAsync(UserAddress user, CancellationToken cancellationToken);
}
