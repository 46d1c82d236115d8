namespace Cluster.Edges.Tests.Sip.Core.Support;

/// <summary>The system clock plus an offset a test can move forward (nonce ageing) while timers keep real time.</summary>
internal sealed class OffsetTimeProvider : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
