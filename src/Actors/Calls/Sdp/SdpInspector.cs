namespace Cluster.Actors.Calls;

/// <summary>
/// The little SDP reading the call core needs: stream directions for hold detection (RFC 3264 §8.4), the origin line to
/// tell a new offer from a repeated one (RFC 3264 §8: an unchanged o= version means no change), and the inactive answer
/// of click-to-dial (RFC 3725 flow IV). SDP is otherwise passed through untouched; media anchoring rewrites it later
/// through <see cref="ISdpRewriter"/>.
/// </summary>
public static class SdpInspector
{
    /// <summary>
    /// The direction of each m= section (media-level attribute, else the session-level one, else sendrecv). A stream
    /// whose connection address is 0.0.0.0 counts as inactive (RFC 2543 hold, still sent by old phones; RFC 3264 §8.4).
    /// </summary>
    public static IReadOnlyList<MediaDirection> StreamDirections(string? sdp)
    {
        if (string.IsNullOrWhiteSpace(sdp))
        {
            return [];
        }

        var sessionDirection = MediaDirection.SendRecv;
        var sessionNullAddress = false;
        var result = new List<MediaDirection>();
        MediaDirection? streamDirection = null;
        bool? streamNullAddress = null;
        var inMedia = false;
        var rejected = false;

        void Flush()
        {
            if (inMedia && !rejected)
            {
                var nullAddress = streamNullAddress ?? sessionNullAddress;
                result.Add(nullAddress ? MediaDirection.Inactive : streamDirection ?? sessionDirection);
            }
        }

        foreach (var raw in sdp.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith("m=", StringComparison.Ordinal))
            {
                Flush();
                inMedia = true;
                streamDirection = null;
                streamNullAddress = null;
                var parts = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                rejected = parts.Length > 1 && parts[1] == "0";
            }
            else if (line.StartsWith("c=", StringComparison.Ordinal))
            {
                var isNull = line.EndsWith(" 0.0.0.0", StringComparison.Ordinal);
                if (inMedia)
                {
                    streamNullAddress = isNull;
                }
                else
                {
                    sessionNullAddress = isNull;
                }
            }
            else if (ParseDirection(line) is { } direction)
            {
                if (inMedia)
                {
                    streamDirection = direction;
                }
                else
                {
                    sessionDirection = direction;
                }
            }
        }

        Flush();
        return result;
    }

    /// <summary>
    /// True when the SDP, as an offer, puts the other party on hold: it has streams and none of them asks to receive
    /// (every stream sendonly or inactive, RFC 3264 §8.4). An offer without SDP is not a hold.
    /// </summary>
    public static bool IsHold(string? sdp)
    {
        var directions = StreamDirections(sdp);
        return directions.Count > 0 && directions.All(d => d is MediaDirection.SendOnly or MediaDirection.Inactive);
    }

    /// <summary>The o= line (RFC 4566 §5.2), or null.</summary>
    public static string? Origin(string? sdp)
    {
        if (sdp is null)
        {
            return null;
        }

        foreach (var raw in sdp.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith("o=", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="next"/> repeats <paramref name="previous"/>: same o= line including the version, which
    /// RFC 3264 §8 requires to stay unchanged when the session does not change (e.g. a session refresh re-INVITE).
    /// </summary>
    public static bool IsUnchanged(string? previous, string? next) =>
        previous is not null && next is not null && Origin(previous) is { } a && a == Origin(next);

    /// <summary>
    /// An answer that accepts every stream of <paramref name="offer"/> but sends and receives nothing: the "black hole"
    /// answer of RFC 3725 flow IV, used to complete the click-to-dial user's leg before the destination answers. Same
    /// m= lines in the same order (RFC 3264 §6), connection 0.0.0.0, a=inactive.
    /// </summary>
    public static string InactiveAnswerFor(string offer, string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offer);
        var lines = new List<string>
        {
            "v=0",
            $"o=- {sessionId} 1 IN IP4 0.0.0.0",
            "s=-",
            "c=IN IP4 0.0.0.0",
            "t=0 0",
        };
        foreach (var raw in offer.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith("m=", StringComparison.Ordinal))
            {
                lines.Add(line);
                lines.Add("a=inactive");
            }
            else if (line.StartsWith("a=rtpmap:", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    private static MediaDirection? ParseDirection(string line) => line switch
    {
        "a=sendrecv" => MediaDirection.SendRecv,
        "a=sendonly" => MediaDirection.SendOnly,
        "a=recvonly" => MediaDirection.RecvOnly,
        "a=inactive" => MediaDirection.Inactive,
        _ => null,
    };
}
