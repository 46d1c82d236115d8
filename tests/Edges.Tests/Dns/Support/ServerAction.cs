namespace Cluster.Edges.Tests.Dns.Support;

/// <summary>What <see cref="TestDnsServer"/> does with one query.</summary>
internal enum ServerAction
{
    /// <summary>Answer from the zone (truncating over UDP if it does not fit the advertised size).</summary>
    Answer,
    /// <summary>Say nothing.</summary>
    Drop,
    /// <summary>Over UDP: an empty answer with the TC bit, forcing the client to TCP.</summary>
    Truncate,
    /// <summary>Send a forged answer with a wrong id and one with the right id but another question, then the real one.</summary>
    SpoofThenAnswer,
    /// <summary>Send only the two forged answers.</summary>
    SpoofOnly,
    /// <summary>An answer with the right id whose record owner name is a compression pointer to itself.</summary>
    PointerLoop,
    /// <summary>RCODE SERVFAIL.</summary>
    ServerFailure,
    /// <summary>FORMERR without a question when the query carries EDNS0, like a pre-EDNS server; otherwise answer.</summary>
    RejectEdns,
    /// <summary>Answer only after <see cref="TestDnsServer.ReleaseHeld"/>.</summary>
    Hold,
}
