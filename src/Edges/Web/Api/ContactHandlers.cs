using System.Text.Json.Nodes;
using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// The roster and authorization requests: <c>contacts.list</c>, <c>contacts.add</c> (with a request to see the
/// contact's presence), <c>contacts.accept</c>, <c>contacts.deny</c>, <c>contacts.set-level</c>,
/// <c>contacts.remove</c>. Requests from others arrive as <c>contacts.request</c> pushes.
/// </summary>
internal sealed class ContactHandlers(WebClientApi api)
{
    public void Register(ClientMessageRegistry registry)
    {
        registry.Register("contacts.list", (r, ct) => new ValueTask<JsonNode?>(ListAsync(r, ct)));
        registry.Register("contacts.add", (r, ct) => new ValueTask<JsonNode?>(AddAsync(r, ct)));
        registry.Register("contacts.accept", (r, ct) => new ValueTask<JsonNode?>(AcceptAsync(r, ct)));
        registry.Register("contacts.deny", (r, ct) => new ValueTask<JsonNode?>(DenyAsync(r, ct)));
        registry.Register("contacts.set-level", (r, ct) => new ValueTask<JsonNode?>(SetLevelAsync(r, ct)));
        registry.Register("contacts.remove", (r, ct) => new ValueTask<JsonNode?>(RemoveAsync(r, ct)));
    }

    private async Task<JsonNode?> ListAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var reply = await api.Calls.QueryAsync<ContactsReply>(link.User, GetContacts.Instance, ct).ConfigureAwait(false);
        var contacts = ApiJson.Array(reply.Contacts.OrderBy(c => c.Address), contact =>
        {
            var json = new JsonObject { ["address"] = contact.Address.ToString() };
            var name = contact.DisplayName ?? api.Options.Directory?.Find(contact.Address)?.DisplayName;
            if (name is not null)
                json["displayName"] = name;
            if (contact.Group is not null)
                json["group"] = contact.Group;
            json["level"] = contact.Level is { } level ? ApiNames.Of(level) : null;
            return json;
        });
        var requests = ApiJson.Array(reply.Requests.OrderBy(r => r.At), r => new JsonObject
        {
            ["peer"] = r.Peer.ToString(),
            ["direction"] = ApiNames.Of(r.Direction),
            ["message"] = r.Message,
            ["at"] = r.At,
            ["displayName"] = api.Options.Directory?.Find(r.Peer)?.DisplayName,
        });
        return new JsonObject { ["contacts"] = contacts, ["requests"] = requests };
    }

    private async Task<JsonNode?> AddAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var address = data.RequiredAddress("address");
        var displayName = data.OptionalString("displayName", 256);
        var group = data.OptionalString("group", 256);
        var message = data.OptionalString("message", 1024);
        var level = data.OptionalEnum<PermissionLevel>("level");
        var requestAuthorization = data.OptionalBool("requestAuthorization", true);
        if (address == link.User)
            throw RequestReader.Bad("'address' is the user themself");
        await api.Calls.SendAsync(link.User, new SetContact(address, displayName, group, level), ct).ConfigureAwait(false);
        if (requestAuthorization)
            await api.Calls.SendAsync(link.User, new RequestAuthorization(address, message), ct).ConfigureAwait(false);
        return new JsonObject { ["address"] = address.ToString(), ["requested"] = requestAuthorization };
    }

    private async Task<JsonNode?> AcceptAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var address = data.RequiredAddress("address");
        var level = data.OptionalEnum<PermissionLevel>("level") ?? PermissionLevel.Team;
        if (level == PermissionLevel.Blocked)
            throw RequestReader.Bad("'level' must be above blocked (use contacts.deny with block to block)");
        await api.Calls.SendAsync(link.User, new AcceptAuthorization(address, level), ct).ConfigureAwait(false);
        return new JsonObject { ["address"] = address.ToString(), ["level"] = ApiNames.Of(level) };
    }

    private async Task<JsonNode?> DenyAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var address = data.RequiredAddress("address");
        var block = data.OptionalBool("block", false);
        await api.Calls.SendAsync(link.User, new DenyAuthorization(address, block), ct).ConfigureAwait(false);
        return new JsonObject { ["address"] = address.ToString(), ["blocked"] = block };
    }

    private async Task<JsonNode?> SetLevelAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var address = data.RequiredAddress("address");
        if (!data.Has("level"))
            throw RequestReader.Bad($"'level' is required (one of {string.Join(", ", ApiNames.All<PermissionLevel>())}, or null for the default)");
        var level = data.OptionalEnum<PermissionLevel>("level");
        await api.Calls.SendAsync(link.User, new SetContactLevel(address, level), ct).ConfigureAwait(false);
        return new JsonObject { ["address"] = address.ToString(), ["level"] = level is { } l ? ApiNames.Of(l) : null };
    }

    private async Task<JsonNode?> RemoveAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var address = new RequestReader(request.Data).RequiredAddress("address");
        await api.Calls.SendAsync(link.User, new RemoveContact(address), ct).ConfigureAwait(false);
        link.Unwatch(address);
        await api.Calls.SendAsync(address, new Unsubscribe(link.Endpoint), ct).ConfigureAwait(false);
        return new JsonObject { ["address"] = address.ToString() };
    }
}
