using Cluster.Edges.Media.Sdp;

namespace Cluster.Edges.Media.Anchoring;

/// <summary>A leg's last stated direction and whether that means hold (RFC 3264 §8.4), which changes the silence timeout.</summary>
public sealed record SdpDirectionState(SdpDirection Direction, bool LegacyHold)
{
    public static SdpDirectionState Active { get; } = new(SdpDirection.SendRecv, false);

    public bool IsHold => LegacyHold || Direction != SdpDirection.SendRecv;
}
