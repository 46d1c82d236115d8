using System.Text.Json.Nodes;

namespace Cluster.Edges.Dns.Zone;

/// <summary>
/// The <c>--json</c> form of a <see cref="DnsZone"/>: every record with its section, absolute owner name, TTL, class,
/// type and named RDATA fields, and every omitted record with its reason, so provisioning scripts can push the
/// records to a DNS provider's API without parsing zone-file text.
/// </summary>
/// <example>
/// <code>
/// {"domain":"example.com","ttl":3600,
///  "records":[{"section":"sip","name":"_sip._udp.example.com.","ttl":3600,"class":"IN","type":"SRV",
///              "data":{"priority":10,"weight":50,"port":5060,"target":"uc1.example.com."},"placeholder":false}],
///  "omitted":[{"section":"stun-turn","name":"_turns._tcp.example.com.","type":"SRV","reason":"..."}]}
/// </code>
/// </example>
public static class ZoneJsonWriter
{
    public static JsonObject ToJson(DnsZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var records = new JsonArray();
        var omitted = new JsonArray();
        foreach (var section in zone.Sections)
        {
            foreach (var record in section.Records)
            {
                var data = new JsonObject();
                foreach (var (key, value) in record.Fields)
                    data[key] = value switch
                    {
                        null => null,
                        ushort n => JsonValue.Create(n),
                        string s => JsonValue.Create(s),
                        _ => throw new InvalidOperationException($"no JSON form for {value.GetType().Name} in {record.Type} field {key}"),
                    };
                records.Add(new JsonObject
                {
                    ["section"] = section.Id,
                    ["name"] = record.AbsoluteName,
                    ["ttl"] = record.Ttl,
                    ["class"] = "IN",
                    ["type"] = record.Type,
                    ["data"] = data,
                    ["placeholder"] = record.IsPlaceholder,
                });
            }
            foreach (var omission in section.Omitted)
            {
                omitted.Add(new JsonObject
                {
                    ["section"] = section.Id,
                    ["name"] = omission.Name + ".",
                    ["type"] = omission.Type,
                    ["reason"] = omission.Reason,
                });
            }
        }
        return new JsonObject
        {
            ["domain"] = zone.Domain,
            ["ttl"] = zone.Ttl,
            ["records"] = records,
            ["omitted"] = omitted,
        };
    }
}
