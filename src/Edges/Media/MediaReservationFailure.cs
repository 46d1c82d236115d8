namespace Cluster.Edges.Media;

/// <summary>Why <c>TryReserve</c> found no slot; every case is answered 503 with Retry-After, never silence.</summary>
public enum MediaReservationFailure
{
    /// <summary>Every slot of the node's range is in use.</summary>
    NoFreeSlot,

    /// <summary>Free slots exist but none could bind its four ports (another process holds them).</summary>
    PortsUnavailable,

    /// <summary>The media edge is stopping.</summary>
    ShuttingDown,
}
