namespace Cluster.Actors.Calls.Entity;

/// <summary>
/// What <c>uc call list</c> shows: the calls whose entities run on this node now, and the records (CDRs) of ended calls
/// read from the journal's <see cref="CallManifests.RecordTag"/> stream (cluster-wide, newest first). A read model: a
/// call that just ended appears after the next journal poll on other nodes.
/// </summary>
public interface ICallListing
{
    /// <summary>Live (not ended) calls hosted on this node, oldest first.</summary>
    IReadOnlyList<CallListingEntry> Active();

    /// <summary>The records of the most recently ended calls, newest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<CallRecord> Recent(int limit);

    /// <summary>The record of one ended call, if it is among those kept.</summary>
    CallRecord? Record(string callId);
}
