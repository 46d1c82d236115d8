using System.Globalization;
using System.Text;
using System.Xml;
using Cluster.Actors.Users;
using Cluster.Edges.Sip.Core;

namespace Cluster.Edges.Sip.Presence;

/// <summary>
/// Writes a <see cref="PresenceView"/> as PIDF (RFC 3863) with the data model of RFC 4479 and RPID (RFC 4480). The
/// view is already filtered for the watcher's permission level, so whatever is null is simply not written: a public
/// watcher gets basic status plus busy, a team watcher the note, a personal watcher the place and the devices. The
/// mapping is documented in docs/protocols/sip-presence.md and inverted by <see cref="PidfParser"/>.
/// </summary>
public static class PidfRenderer
{
    public const string PidfNamespace = "urn:ietf:params:xml:ns:pidf";
    public const string DataModelNamespace = "urn:ietf:params:xml:ns:pidf:data-model";
    public const string RpidNamespace = "urn:ietf:params:xml:ns:pidf:rpid";

    /// <summary>The RPID "other" activity text used for do-not-disturb, which RPID has no element for.</summary>
    public const string DoNotDisturbText = "do-not-disturb";

    /// <summary>The RPID "other" activity text used for lunch (RPID only has the generic meal).</summary>
    public const string LunchText = "lunch";

    /// <summary>Renders the view as a UTF-8 PIDF document.</summary>
    public static byte[] Render(PresenceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var entity = SipAddresses.ToSipUri(view.Presentity);
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("presence", PidfNamespace);
            xml.WriteAttributeString("xmlns", "dm", null, DataModelNamespace);
            xml.WriteAttributeString("xmlns", "rpid", null, RpidNamespace);
            xml.WriteAttributeString("entity", entity);

            // RFC 3863 §4.1.4: the tuple carries basic open/closed; the note is repeated there for PIDF-only clients.
            xml.WriteStartElement("tuple", PidfNamespace);
            xml.WriteAttributeString("id", "sip");
            xml.WriteStartElement("status", PidfNamespace);
            xml.WriteElementString("basic", PidfNamespace, view.Availability == Availability.Offline ? "closed" : "open");
            xml.WriteEndElement();
            xml.WriteElementString("contact", PidfNamespace, entity);
            if (view.Note is { Length: > 0 } tupleNote) xml.WriteElementString("note", PidfNamespace, tupleNote);
            xml.WriteEndElement();

            // RFC 4479 §3.1 person with RPID activities (RFC 4480 §3.2), place and note.
            xml.WriteStartElement("dm", "person", DataModelNamespace);
            xml.WriteAttributeString("id", "p1");
            var activities = Activities(view);
            if (activities.Count > 0)
            {
                xml.WriteStartElement("rpid", "activities", RpidNamespace);
                if (view.Until is { } until) xml.WriteAttributeString("until", until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                foreach (var (element, text) in activities)
                {
                    if (text is null) xml.WriteElementString("rpid", element, RpidNamespace, "");
                    else xml.WriteElementString("rpid", element, RpidNamespace, text);
                }
                xml.WriteEndElement();
            }
            if (view.Location is { Length: > 0 } location)
            {
                xml.WriteStartElement("rpid", "place-type", RpidNamespace);
                xml.WriteElementString("rpid", "other", RpidNamespace, location);
                xml.WriteEndElement();
            }
            if (view.Note is { Length: > 0 } note) xml.WriteElementString("dm", "note", DataModelNamespace, note);
            xml.WriteEndElement();

            // RFC 4479 §3.3 devices, personal level only; RPID user-input says whether the user is idle there.
            foreach (var device in view.Devices ?? [])
            {
                xml.WriteStartElement("dm", "device", DataModelNamespace);
                xml.WriteAttributeString("id", DeviceId(device.Id));
                xml.WriteElementString("rpid", "user-input", RpidNamespace, device.Idle ? "idle" : "active");
                xml.WriteElementString("dm", "deviceID", DataModelNamespace, "urn:x-uc:device:" + Uri.EscapeDataString(device.Id));
                if (device.UserAgent is { Length: > 0 } agent) xml.WriteElementString("dm", "note", DataModelNamespace, agent);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    /// <summary>RPID activity elements for a view: the explicit activity, else one derived from the availability.</summary>
    private static List<(string Element, string? Text)> Activities(PresenceView view)
    {
        var list = new List<(string, string?)>();
        if (view.Availability == Availability.DoNotDisturb) list.Add(("other", DoNotDisturbText));
        var activity = view.Activity ?? PresenceActivity.None;
        if (activity != PresenceActivity.None)
        {
            list.Add(activity switch
            {
                PresenceActivity.Lunch => ("other", LunchText),
                PresenceActivity.Other => ("other", "other"),
                _ => (ElementOf(activity), null),
            });
            return list;
        }

        switch (view.Availability)
        {
            case Availability.Away: list.Add(("away", null)); break;
            case Availability.Busy: list.Add(("busy", null)); break;
            case Availability.DoNotDisturb: list.Add(("busy", null)); break;
            case Availability.OnThePhone: list.Add(("on-the-phone", null)); break;
        }
        return list;
    }

    /// <summary>The RFC 4480 §3.2 element name of an activity.</summary>
    public static string ElementOf(PresenceActivity activity) => activity switch
    {
        PresenceActivity.Appointment => "appointment",
        PresenceActivity.Away => "away",
        PresenceActivity.Busy => "busy",
        PresenceActivity.Holiday => "holiday",
        PresenceActivity.InTransit => "in-transit",
        PresenceActivity.Meal => "meal",
        PresenceActivity.Meeting => "meeting",
        PresenceActivity.OnThePhone => "on-the-phone",
        PresenceActivity.Presentation => "presentation",
        PresenceActivity.Sleeping => "sleeping",
        PresenceActivity.Travel => "travel",
        PresenceActivity.Vacation => "vacation",
        PresenceActivity.Working => "working",
        _ => "unknown",
    };

    // An XML id must start with a letter and hold no ':' or '|' (binding keys can); hex keeps ids stable per device.
    private static string DeviceId(string id) => "d" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
}
