namespace Cluster.Edges.Media;

/// <summary>Outcome of <see cref="MediaEdge.TryReserveAsync"/>: exactly one of <see cref="Slot"/> and <see cref="Failure"/> is set.</summary>
public sealed record MediaReservation(MediaSlotReserved? Slot, MediaSlotUnavailable? Failure)
{
    public bool Succeeded => Slot is not null;
}
