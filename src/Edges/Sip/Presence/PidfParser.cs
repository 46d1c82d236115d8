using System.Xml;
using System.Xml.Linq;
using Cluster.Actors.Users;

namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// Reads a PUBLISH body (PIDF, RFC 3863, with RPID activities, RFC 4480) into a <see cref="PublishedPresence"/>: the
/// inverse of <see cref="PidfRenderer"/>. DTDs are refused and the size is bounded, so a body cannot make the parser
/// expand entities or read files. Unknown elements are ignored (RFC 3863 §4.1.5 mustUnderstand is not used by clients
/// we know; a document with it is refused).
/// </summary>
public static class PidfParser
{
    private static readonly XNamespace Pidf = PidfRenderer.PidfNamespace;
    private static readonly XNamespace Dm = PidfRenderer.DataModelNamespace;
    private static readonly XNamespace Rpid = PidfRenderer.RpidNamespace;

    /// <summary>Parses <paramref name="body"/>; false with a reason for anything that is not a usable PIDF document.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out PublishedPresence? presence, out string reason)
    {
        presence = null;
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = 1 << 20,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            reason = $"not well-formed XML: {ex.Message}";
            return false;
        }

        var root = document.Root;
        if (root is null || root.Name != Pidf + "presence")
        {
            reason = "the root element is not PIDF presence (urn:ietf:params:xml:ns:pidf)";
            return false;
        }
        if (root.Descendants().Any(e => e.Attribute(Pidf + "mustUnderstand") is { Value: "1" or "true" }))
        {
            reason = "the document has mustUnderstand elements";
            return false;
        }

        var basic = root.Elements(Pidf + "tuple").Select(t => t.Element(Pidf + "status")?.Element(Pidf + "basic")?.Value.Trim()).FirstOrDefault(v => v is not null);
        var activities = root.Descendants(Rpid + "activities").FirstOrDefault();
        var activityNames = activities?.Elements().Select(e => (Name: e.Name.LocalName, Text: e.Value.Trim())).ToList() ?? [];
        var note = (root.Descendants(Dm + "person").SelectMany(p => p.Elements(Dm + "note")).FirstOrDefault()
            ?? root.Elements(Pidf + "tuple").SelectMany(t => t.Elements(Pidf + "note")).FirstOrDefault()
            ?? root.Elements(Pidf + "note").FirstOrDefault())?.Value.Trim();

        if (basic is not null && basic != "open" && basic != "closed")
        {
            reason = $"basic status '{basic}' is neither open nor closed";
            return false;
        }

        presence = Map(basic, activityNames, string.IsNullOrEmpty(note) ? null : note);
        reason = "";
        return true;
    }

    private static PublishedPresence Map(string? basic, List<(string Name, string Text)> activities, string? note)
    {
        if (basic == "closed") return new PublishedPresence(Availability.Offline, PresenceActivity.None, note);
        if (activities.Any(a => a.Name == "other" && a.Text.Equals(PidfRenderer.DoNotDisturbText, StringComparison.OrdinalIgnoreCase)))
            return new PublishedPresence(Availability.DoNotDisturb, FirstActivity(activities), note);
        var activity = FirstActivity(activities);
        var availability = activity switch
        {
            PresenceActivity.None or PresenceActivity.Working or PresenceActivity.Other => activities.Any(a => a.Name == "busy") ? Availability.Busy : Availability.Available,
            PresenceActivity.Busy or PresenceActivity.Meeting or PresenceActivity.Appointment or PresenceActivity.Presentation
                or PresenceActivity.OnThePhone => Availability.Busy,
            _ => Availability.Away,
        };
        return new PublishedPresence(availability, activity, note);
    }

    private static PresenceActivity FirstActivity(List<(string Name, string Text)> activities)
    {
        foreach (var (name, text) in activities)
        {
            var activity = name switch
            {
                "appointment" => PresenceActivity.Appointment,
                "away" => PresenceActivity.Away,
                "busy" => PresenceActivity.Busy,
                "holiday" => PresenceActivity.Holiday,
                "in-transit" => PresenceActivity.InTransit,
                "meal" or "breakfast" or "dinner" => PresenceActivity.Meal,
                "meeting" => PresenceActivity.Meeting,
                "on-the-phone" => PresenceActivity.OnThePhone,
                "presentation" => PresenceActivity.Presentation,
                "sleeping" => PresenceActivity.Sleeping,
                "travel" => PresenceActivity.Travel,
                "vacation" => PresenceActivity.Vacation,
                "working" => PresenceActivity.Working,
                "other" when text.Equals(PidfRenderer.LunchText, StringComparison.OrdinalIgnoreCase) => PresenceActivity.Lunch,
                "other" when text.Equals(PidfRenderer.DoNotDisturbText, StringComparison.OrdinalIgnoreCase) => PresenceActivity.None,
                "other" => PresenceActivity.Other,
                _ => PresenceActivity.None,
            };
            if (activity != PresenceActivity.None) return activity;
        }
        return PresenceActivity.None;
    }
}
