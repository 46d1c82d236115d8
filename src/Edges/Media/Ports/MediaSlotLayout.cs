namespace Cluster.Edges.Media.Ports;

/// <summary>
/// Where the ports of slot <c>i</c> lie. RFC 3550 §11: RTP uses an even port and RTCP the next odd one, so a slot
/// starts at an even port and holds two such pairs: leg A (RTP, RTCP), then leg B (RTP, RTCP).
/// </summary>
public static class MediaSlotLayout
{
    public const int PortsPerSlot = 4;

    /// <summary>First even port of the range.</summary>
    public static int FirstPort(MediaPortRange range) => range.Min % 2 == 0 ? range.Min : range.Min + 1;

    public static int SlotCount(MediaPortRange range)
    {
        var first = FirstPort(range);
        return first > range.Max ? 0 : (range.Max - first + 1) / PortsPerSlot;
    }

    /// <summary>RTP port of leg A of slot <paramref name="index"/>; leg A RTCP is +1, leg B RTP +2, leg B RTCP +3.</summary>
    public static int BasePort(MediaPortRange range, int index) => FirstPort(range) + index * PortsPerSlot;
}
