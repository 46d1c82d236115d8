namespace Cluster.Edges.Media.Rtcp;

/// <summary>
/// Live counters and RTCP-derived quality of one leg. Packet counters are updated by the relay's receive loops
/// with interlocked adds; report values (a few per second at most) under a lock. Jitter and loss are what the leg's
/// endpoint reports about the media it receives through the anchor; round-trip time is anchor → endpoint → anchor,
/// measured with the endpoint's LSR/DLSR echo of a sender report the anchor forwarded (RFC 3550 §6.4.1).
/// </summary>
public sealed class MediaLegStatistics
{
    private readonly Lock gate = new();
    private long rtpPacketsIn;
    private long rtcpPacketsIn;
    private long bytesIn;
    private long packetsOut;
    private long bytesOut;
    private long hijackDrops;
    private long noDestinationDrops;
    private long malformedDrops;
    private int reports;
    private double? jitterMs;
    private double maxJitterMs;
    private double? lossPercent;
    private double maxLossPercent;
    private int cumulativeLost;
    private double? rttMs;
    private double maxRttMs;
    private long? lastReportTimestamp;

    public void OnReceived(int bytes, bool rtcp)
    {
        Interlocked.Increment(ref rtcp ? ref rtcpPacketsIn : ref rtpPacketsIn);
        Interlocked.Add(ref bytesIn, bytes);
    }

    public void OnSent(int bytes)
    {
        Interlocked.Increment(ref packetsOut);
        Interlocked.Add(ref bytesOut, bytes);
    }

    public void OnHijackDropped() => Interlocked.Increment(ref hijackDrops);

    public void OnNoDestination() => Interlocked.Increment(ref noDestinationDrops);

    public void OnMalformed() => Interlocked.Increment(ref malformedDrops);

    public long HijackDrops => Interlocked.Read(ref hijackDrops);

    /// <summary>Records one report block sent by this leg's endpoint.</summary>
    public void OnReport(RtcpReportBlock block, int clockRate, long timestamp)
    {
        var jitter = block.Jitter * 1000.0 / clockRate;
        var loss = block.LossPercent;
        lock (gate)
        {
            reports++;
            jitterMs = jitter;
            maxJitterMs = Math.Max(maxJitterMs, jitter);
            lossPercent = loss;
            maxLossPercent = Math.Max(maxLossPercent, loss);
            cumulativeLost = block.CumulativeLost;
            lastReportTimestamp = timestamp;
        }
    }

    public void OnRoundTrip(TimeSpan rtt)
    {
        lock (gate)
        {
            rttMs = rtt.TotalMilliseconds;
            maxRttMs = Math.Max(maxRttMs, rtt.TotalMilliseconds);
        }
    }

    /// <summary>An immutable copy; <paramref name="timeProvider"/> turns the last report time into an age.</summary>
    public MediaLegStatisticsSnapshot Snapshot(TimeProvider timeProvider)
    {
        lock (gate)
        {
            return new MediaLegStatisticsSnapshot(
                Interlocked.Read(ref rtpPacketsIn), Interlocked.Read(ref rtcpPacketsIn), Interlocked.Read(ref bytesIn),
                Interlocked.Read(ref packetsOut), Interlocked.Read(ref bytesOut),
                Interlocked.Read(ref hijackDrops), Interlocked.Read(ref noDestinationDrops), Interlocked.Read(ref malformedDrops),
                reports, jitterMs, maxJitterMs, lossPercent, maxLossPercent, cumulativeLost, rttMs, maxRttMs,
                lastReportTimestamp is { } at ? timeProvider.GetElapsedTime(at) : null);
        }
    }
}
