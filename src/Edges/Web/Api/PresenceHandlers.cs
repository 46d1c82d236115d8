using System.Text.Json.Nodes;
using Cluster.Actors.Common;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// <c>presence.set</c>, <c>presence.get</c>, <c>presence.subscribe</c>, <c>presence.unsubscribe</c>: the user's own
/// state and note, and watching contacts. A subscription's changes arrive as <c>presence.changed</c> pushes.
/// </summary>
internal sealed class PresenceHandlers(WebClientApi api)
{
    /// <summary>Written by clients as the availability that returns to automatic (derived) presence.</summary>
    public const string Automatic = "automatic";

    public void Register(ClientMessageRegistry registry)
    {
        registry.Register("presence.set", (r, ct) => new ValueTask<JsonNode?>(SetAsync(r, ct)));
        registry.Register("presence.get", (r, ct) => new ValueTask<JsonNode?>(GetAsync(r, ct)));
        registry.Register("presence.subscribe", (r, ct) => new ValueTask<JsonNode?>(SubscribeAsync(r, ct)));
        registry.Register("presence.unsubscribe", (r, ct) => new ValueTask<JsonNode?>(UnsubscribeAsync(r, ct)));
    }

    private async Task<JsonNode?> SetAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        if (!data.Has("availability") && !data.Has("note"))
            throw RequestReader.Bad("'availability' or 'note' is required");
        IUserCommand? state = null;
        if (data.OptionalString("availability", 64) is { } availability)
        {
            if (availability == Automatic)
                state = new ClearPresence();
            else
                state = new SetPresence(
                    data.RequiredEnum<Availability>("availability"),
                    data.OptionalEnum<PresenceActivity>("activity") ?? PresenceActivity.None,
                    data.OptionalTime("until"));
        }
        // Read the note before sending anything, so a bad note changes nothing.
        var setNote = data.Has("note");
        var note = data.OptionalString("note", 1024);
        if (state is not null)
            await api.Calls.SendAsync(link.User, state, ct).ConfigureAwait(false);
        if (setNote)
            await api.Calls.SendAsync(link.User, new SetNote(note), ct).ConfigureAwait(false);
        return await PresenceOfAsync(link.User, link.User, ct).ConfigureAwait(false);
    }

    private async Task<JsonNode?> GetAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var user = data.Has("user") ? data.RequiredAddress("user") : link.User;
        return await PresenceOfAsync(user, link.User, ct).ConfigureAwait(false);
    }

    private async Task<JsonNode?> SubscribeAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var users = new RequestReader(request.Data).RequiredAddresses("users", api.Options.MaxSubscribeBatch);
        var results = new JsonArray();
        foreach (var user in users)
        {
            try
            {
                var reply = (SubscriptionReply)await api.Calls.SendAsync(user, api.SubscribeCommand(link, user, api.LeaseSeconds), ct).ConfigureAwait(false);
                if (reply.State is SubscriptionState.Active or SubscriptionState.Pending)
                    link.Watch(user);
                results.Add(ApiJson.Presence(user, reply.State, reply.Level, reply.View));
            }
            catch (ClientRequestException ex) when (ex.Code == ApiErrorCodes.NotFound)
            {
                results.Add(new JsonObject { ["user"] = user.ToString(), ["state"] = "not-found" });
            }
        }
        if (link.Ended)
        {
            // The session ended while we subscribed: the goodbye may have missed these, so undo them here.
            foreach (var user in users)
                await api.Calls.Gateway.SendAsync(user, new Unsubscribe(link.Endpoint), CancellationToken.None).ConfigureAwait(false);
        }
        return new JsonObject { ["presence"] = results };
    }

    private async Task<JsonNode?> UnsubscribeAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var users = new RequestReader(request.Data).RequiredAddresses("users", api.Options.MaxSubscribeBatch);
        foreach (var user in users)
        {
            if (user == link.User)
                continue; // the session's own presence stays watched for its whole life
            link.Unwatch(user);
            await api.Calls.SendAsync(user, new Unsubscribe(link.Endpoint), ct).ConfigureAwait(false);
        }
        return new JsonObject();
    }

    private async Task<JsonNode> PresenceOfAsync(UserAddress user, UserAddress watcher, CancellationToken ct)
    {
        var reply = await api.Calls.QueryAsync<PresenceReply>(user, new GetPresence(watcher), ct).ConfigureAwait(false);
        return ApiJson.Presence(user, reply.State, reply.Level, reply.View);
    }
}
