using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Actors.Common;
using Cluster.Actors.Directory;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// The JSON shapes of the client API. Domain records are written with the domain's own JSON settings
/// (<see cref="DomainJson"/>: camelCase fields, kebab-case enums, nulls left out), so the wire format and the journal
/// spell every field and value the same way.
/// </summary>
internal static class ApiJson
{
    public static JsonNode? Of(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), DomainJson.Options);

    public static JsonObject Presence(UserAddress user, SubscriptionState state, PermissionLevel? level, PresenceView? view, WatcherTermination? reason = null)
    {
        var json = new JsonObject
        {
            ["user"] = user.ToString(),
            ["state"] = ApiNames.Of(state),
        };
        if (level is { } l)
            json["level"] = ApiNames.Of(l);
        if (view is not null)
        {
            var node = (JsonObject)Of(view)!;
            node.Remove("presentity");
            node.Remove("level");
            json["view"] = node;
        }
        if (reason is { } r)
            json["reason"] = ApiNames.Of(r);
        return json;
    }

    public static JsonObject Message(ChatMessage message) => (JsonObject)Of(message)!;

    public static JsonObject Directory(DirectoryEntry entry)
    {
        var json = new JsonObject
        {
            ["address"] = entry.Address.ToString(),
            ["displayName"] = entry.DisplayName,
            ["phoneNumbers"] = new JsonArray(entry.PhoneNumbers.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
        if (entry.Email is not null)
            json["email"] = entry.Email;
        if (entry.Department is not null)
            json["department"] = entry.Department;
        return json;
    }

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map) => new(items.Select(map).ToArray());
}
