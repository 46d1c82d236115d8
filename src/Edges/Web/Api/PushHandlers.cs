using System.Text.Json.Nodes;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Push devices of mobile and browser apps, described by the RFC 8599 §4.1 parameters (<c>pn-provider</c>,
/// <c>pn-prid</c>, <c>pn-param</c>): <c>push.register</c>, <c>push.list</c>, <c>push.remove</c>.
/// </summary>
internal sealed class PushHandlers(WebClientApi api)
{
    public void Register(ClientMessageRegistry registry)
    {
        registry.Register("push.register", (r, ct) => new ValueTask<JsonNode?>(RegisterAsync(r, ct)));
        registry.Register("push.list", (r, ct) => new ValueTask<JsonNode?>(ListAsync(r, ct)));
        registry.Register("push.remove", (r, ct) => new ValueTask<JsonNode?>(RemoveAsync(r, ct)));
    }

    private async Task<JsonNode?> RegisterAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var command = new RegisterPushDevice(
            data.RequiredString("pn-provider", 64),
            data.RequiredString("pn-prid", 4096),
            data.OptionalString("pn-param", 1024),
            data.OptionalString("appId", 256),
            data.OptionalString("platform", 64));
        await api.Calls.SendAsync(link.User, command, ct).ConfigureAwait(false);
        return await ListAsync(request, ct).ConfigureAwait(false);
    }

    private async Task<JsonNode?> ListAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var reply = await api.Calls.QueryAsync<PushDevicesReply>(link.User, GetPushDevices.Instance, ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["devices"] = ApiJson.Array(reply.Devices.OrderBy(d => d.Key, StringComparer.Ordinal), d =>
            {
                var json = new JsonObject { ["pn-provider"] = d.Provider, ["pn-prid"] = d.Prid };
                if (d.Param is not null)
                    json["pn-param"] = d.Param;
                if (d.AppId is not null)
                    json["appId"] = d.AppId;
                if (d.Platform is not null)
                    json["platform"] = d.Platform;
                json["registeredAt"] = d.RegisteredAt;
                return json;
            }),
        };
    }

    private async Task<JsonNode?> RemoveAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var provider = data.RequiredString("pn-provider", 64);
        var prid = data.RequiredString("pn-prid", 4096);
        await api.Calls.SendAsync(link.User, new RemovePushDevice(provider, prid), ct).ConfigureAwait(false);
        return new JsonObject { ["pn-provider"] = provider, ["pn-prid"] = prid };
    }
}
