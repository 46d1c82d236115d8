using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>
/// Every persisted type of the call entity with its manifest, for the serializer registry, and the journal tags of each
/// event (the call-list projection reads events tagged <see cref="RecordTag"/>). A manifest never changes once released;
/// a breaking change gets a new type with a <c>.v2</c> manifest and the old one stays so old journals load.
/// </summary>
public static class CallManifests
{
    /// <summary>The tag of <see cref="CallRecorded"/> events: the CDR stream behind <c>uc call list</c>.</summary>
    public const string RecordTag = "call-record";

    /// <summary>Events, then the snapshot.</summary>
    public static IReadOnlyList<ManifestRegistration> All { get; } =
    [
        new(typeof(CallStarted), CallStarted.Manifest),
        new(typeof(LegAdded), LegAdded.Manifest),
        new(typeof(CallAnswered), CallAnswered.Manifest),
        new(typeof(LegEnded), LegEnded.Manifest),
        new(typeof(LegReplaced), LegReplaced.Manifest),
        new(typeof(CallEnded), CallEnded.Manifest),
        new(typeof(CallRecorded), CallRecorded.Manifest),
        new(typeof(CallCommandRecorded), CallCommandRecorded.Manifest),
        new(typeof(NegotiationStarted), NegotiationStarted.Manifest),
        new(typeof(NegotiationGlared), NegotiationGlared.Manifest),
        new(typeof(NegotiationRetried), NegotiationRetried.Manifest),
        new(typeof(NegotiationFailed), NegotiationFailed.Manifest),
        new(typeof(SdpExchanged), SdpExchanged.Manifest),
        new(typeof(HoldChanged), HoldChanged.Manifest),
        new(typeof(SessionTimerSet), SessionTimerSet.Manifest),
        new(typeof(SessionRefreshSent), SessionRefreshSent.Manifest),
        new(typeof(SessionRefreshFailed), SessionRefreshFailed.Manifest),
        new(typeof(TransferStarted), TransferStarted.Manifest),
        new(typeof(TransferEnded), TransferEnded.Manifest),
        new(typeof(CallSnapshot), CallSnapshot.Manifest),
    ];

    private static readonly Dictionary<string, Type> ByManifest = All.ToDictionary(r => r.Manifest, r => r.Type, StringComparer.Ordinal);
    private static readonly Dictionary<Type, string> ByType = All.ToDictionary(r => r.Type, r => r.Manifest);
    private static readonly IReadOnlySet<string> RecordTags = new HashSet<string>(StringComparer.Ordinal) { RecordTag };
    private static readonly IReadOnlySet<string> NoTags = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The manifest of a persisted call type.</summary>
    /// <exception cref="ArgumentException">The type is not a registered call event or snapshot.</exception>
    public static string ManifestOf(Type type) =>
        ByType.TryGetValue(type, out var manifest) ? manifest : throw new ArgumentException($"{type.Name} is not a persisted call type", nameof(type));

    /// <summary>Reads a stored payload by its manifest.</summary>
    /// <exception cref="ArgumentException">The manifest is unknown.</exception>
    public static object Deserialize(string manifest, string json) =>
        ByManifest.TryGetValue(manifest, out var type)
            ? DomainJson.Deserialize(json, type)
            : throw new ArgumentException($"unknown call manifest '{manifest}'", nameof(manifest));

    /// <summary>The journal tags to write with <paramref name="e"/>.</summary>
    public static IReadOnlySet<string> TagsOf(ICallEvent e) => e is CallRecorded ? RecordTags : NoTags;
}
