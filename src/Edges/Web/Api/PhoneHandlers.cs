using System.Text.Json.Nodes;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Phone control: call operations through <see cref="ICallControl"/> (<c>phone.dial</c>, <c>phone.answer</c>,
/// <c>phone.hangup</c>, <c>phone.hold</c>, <c>phone.resume</c>, <c>phone.transfer</c>, <c>phone.calls</c>; answered
/// <c>unavailable</c> while no call control is configured) and the user's call settings, which are user-entity
/// commands and always work (<c>phone.forwarding.get</c>, <c>phone.forwarding.set</c>, <c>phone.remote-office.set</c>).
/// </summary>
internal sealed class PhoneHandlers(WebClientApi api)
{
    private const int MaxTargetLength = 512;

    public void Register(ClientMessageRegistry registry)
    {
        registry.Register("phone.dial", (r, ct) => new ValueTask<JsonNode?>(DialAsync(r, ct)));
        registry.Register("phone.answer", (r, ct) => new ValueTask<JsonNode?>(WithCallAsync(r, ct, async (c, u, id, d, t) =>
            await c.AnswerAsync(u, id, d.OptionalString("deviceId", 256), t).ConfigureAwait(false))));
        registry.Register("phone.hangup", (r, ct) => new ValueTask<JsonNode?>(WithCallAsync(r, ct, async (c, u, id, _, t) =>
        {
            await c.HangupAsync(u, id, t).ConfigureAwait(false);
            return null;
        })));
        registry.Register("phone.hold", (r, ct) => new ValueTask<JsonNode?>(WithCallAsync(r, ct, async (c, u, id, _, t) => await c.HoldAsync(u, id, t).ConfigureAwait(false))));
        registry.Register("phone.resume", (r, ct) => new ValueTask<JsonNode?>(WithCallAsync(r, ct, async (c, u, id, _, t) => await c.ResumeAsync(u, id, t).ConfigureAwait(false))));
        registry.Register("phone.transfer", (r, ct) => new ValueTask<JsonNode?>(WithCallAsync(r, ct, async (c, u, id, d, t) =>
        {
            await c.TransferAsync(u, id, d.RequiredString("target", MaxTargetLength), t).ConfigureAwait(false);
            return null;
        }, validate: d => d.RequiredString("target", MaxTargetLength))));
        registry.Register("phone.calls", (r, ct) => new ValueTask<JsonNode?>(CallsAsync(r, ct)));
        registry.Register("phone.forwarding.get", (r, ct) => new ValueTask<JsonNode?>(ForwardingAsync(r, ct)));
        registry.Register("phone.forwarding.set", (r, ct) => new ValueTask<JsonNode?>(SetForwardingAsync(r, ct)));
        registry.Register("phone.remote-office.set", (r, ct) => new ValueTask<JsonNode?>(SetRemoteOfficeAsync(r, ct)));
    }

    private ICallControl Control =>
        api.Options.CallControl ?? throw new ClientRequestException(ApiErrorCodes.Unavailable, "call control is not available on this node");

    private async Task<JsonNode?> DialAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var target = data.RequiredString("target", MaxTargetLength);
        var deviceId = data.OptionalString("deviceId", 256);
        var call = await Control.DialAsync(link.User, target, deviceId, ct).ConfigureAwait(false);
        return new JsonObject { ["call"] = ApiJson.Of(call) };
    }

    private async Task<JsonNode?> WithCallAsync(ClientRequest request, CancellationToken ct,
        Func<ICallControl, Cluster.Actors.Common.UserAddress, string, RequestReader, CancellationToken, Task<CallInfo?>> operation,
        Action<RequestReader>? validate = null)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var callId = data.RequiredString("callId", 256);
        validate?.Invoke(data);
        var call = await operation(Control, link.User, callId, data, ct).ConfigureAwait(false);
        return call is null ? new JsonObject { ["callId"] = callId } : new JsonObject { ["call"] = ApiJson.Of(call) };
    }

    private async Task<JsonNode?> CallsAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var calls = await Control.ListCallsAsync(link.User, ct).ConfigureAwait(false);
        return new JsonObject { ["calls"] = ApiJson.Array(calls, ApiJson.Of) };
    }

    private async Task<JsonNode?> ForwardingAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var targets = await api.Calls.QueryAsync<CallTargetsReply>(link.User, GetCallTargets.Instance, ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["forwarding"] = ApiJson.Array(targets.Forwarding.OrderBy(f => f.Kind), ApiJson.Of),
            ["remoteOffice"] = ApiJson.Of(targets.RemoteOffice),
            ["callControl"] = api.Options.CallControl is not null,
        };
    }

    private async Task<JsonNode?> SetForwardingAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var kind = data.RequiredEnum<ForwardingKind>("kind");
        var enabled = data.OptionalBool("enabled", true);
        IUserCommand command = enabled
            ? new SetForwarding(kind, data.RequiredString("target", MaxTargetLength), data.OptionalNullableInt("noAnswerSeconds", 1, 3600))
            : new ClearForwarding(kind);
        await api.Calls.SendAsync(link.User, command, ct).ConfigureAwait(false);
        return await ForwardingAsync(request, ct).ConfigureAwait(false);
    }

    private async Task<JsonNode?> SetRemoteOfficeAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var enabled = data.RequiredBool("enabled");
        var target = data.RequiredString("target", MaxTargetLength);
        var mode = data.OptionalEnum<RemoteOfficeMode>("mode") ?? RemoteOfficeMode.AlsoRing;
        await api.Calls.SendAsync(link.User, new SetRemoteOffice(enabled, target, mode), ct).ConfigureAwait(false);
        return await ForwardingAsync(request, ct).ConfigureAwait(false);
    }
}
