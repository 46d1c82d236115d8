namespace Cluster.Actors.Calls;

/// <summary>
/// How outgoing legs' SIP Call-IDs are formed, so the SIP edge can route an in-dialog request or a response on a B-leg
/// to the right call entity without a lookup table: <c>{legId}~{callId}</c>. Leg ids never contain <c>~</c> and start
/// with a letter; an A-leg Call-ID (chosen by the caller) is the call id itself and is routed as is.
/// </summary>
public static class CallLegIds
{
    private const char Separator = '~';

    /// <summary>The Call-ID of an outgoing leg (RFC 3261 §8.1.1.4: globally unique; the call id already is).</summary>
    public static string SipCallIdFor(string callId, string legId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentException.ThrowIfNullOrWhiteSpace(legId);
        if (legId.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"leg id '{legId}' contains '{Separator}'", nameof(legId));
        }

        return $"{legId}{Separator}{callId}";
    }

    /// <summary>Splits a Call-ID made by <see cref="SipCallIdFor"/>; false for any other Call-ID.</summary>
    public static bool TryParse(string sipCallId, out string callId, out string legId)
    {
        callId = string.Empty;
        legId = string.Empty;
        var at = sipCallId.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at == sipCallId.Length - 1 || !char.IsAsciiLetter(sipCallId[0]))
        {
            return false;
        }

        legId = sipCallId[..at];
        callId = sipCallId[(at + 1)..];
        return true;
    }
}
