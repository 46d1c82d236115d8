namespace Cluster.Actors.Calls;

/// <summary>
/// A REFER being carried out (RFC 3515). The transferor's REFER got 202 and an implicit subscription; it is told the
/// progress with NOTIFY and a message/sipfrag body (§2.4.5). The transferee stays connected to the transferor until the
/// target answers, then the target replaces the transferor's leg.
/// </summary>
/// <param name="TransferId">Unique within the call.</param>
/// <param name="ReferrerLegId">The leg the REFER came on (the transferor's).</param>
/// <param name="TransfereeLegId">The other side's leg, which stays and gets re-INVITEd towards the target.</param>
/// <param name="ReferTo">The Refer-To URI without its header part.</param>
/// <param name="Replaces">The Replaces header from the Refer-To URI (attended transfer, RFC 3891), if any.</param>
/// <param name="ReferredBy">The Referred-By value (RFC 3892), passed on to the target.</param>
/// <param name="StartedAt">When the REFER was accepted.</param>
/// <param name="ReferrerGone">The transferor hung up meanwhile (common in blind transfer); no more NOTIFYs are sent.</param>
public sealed record TransferState(
    string TransferId,
    string ReferrerLegId,
    string TransfereeLegId,
    string ReferTo,
    string? Replaces,
    string? ReferredBy,
    DateTimeOffset StartedAt,
    bool ReferrerGone = false)
{
    /// <summary>A blind transfer has no Replaces; an attended one does.</summary>
    public bool IsAttended => Replaces is not null;
}
