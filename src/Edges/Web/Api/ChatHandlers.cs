using System.Text.Json.Nodes;
using Cluster.Actors.Users;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// <c>chat.send</c>, <c>chat.history</c>, <c>chat.delivered</c>, <c>chat.read</c>. Incoming messages arrive as
/// <c>chat.message</c> pushes (also the offline ones, when a session starts); receipts for sent messages as
/// <c>chat.receipt</c>. The message id makes a resent <c>chat.send</c> harmless (the domain de-duplicates by it).
/// </summary>
internal sealed class ChatHandlers(WebClientApi api)
{
    /// <summary>Largest history page.</summary>
    public const int MaxPage = 200;

    /// <summary>Most message ids one receipt may carry.</summary>
    public const int MaxReceiptIds = 500;

    public void Register(ClientMessageRegistry registry)
    {
        registry.Register("chat.send", (r, ct) => new ValueTask<JsonNode?>(SendAsync(r, ct)));
        registry.Register("chat.history", (r, ct) => new ValueTask<JsonNode?>(HistoryAsync(r, ct)));
        registry.Register("chat.delivered", (r, ct) => new ValueTask<JsonNode?>(ReceiptAsync(r, read: false, ct)));
        registry.Register("chat.read", (r, ct) => new ValueTask<JsonNode?>(ReceiptAsync(r, read: true, ct)));
    }

    private async Task<JsonNode?> SendAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var to = data.RequiredAddress("to");
        var text = data.OptionalString("text", 64 * 1024) ?? throw RequestReader.Bad("'text' is required (a string)");
        if (text.Trim().Length == 0)
            throw RequestReader.Bad("'text' is blank");
        var messageId = data.OptionalString("messageId", 128) ?? Guid.NewGuid().ToString("N");
        var contentType = data.OptionalString("contentType", 128) ?? "text/plain";
        var subject = data.OptionalString("subject", 256);
        if (to == link.User)
            throw RequestReader.Bad("'to' is the user themself");
        var reply = (ChatAccepted)await api.Calls.SendAsync(link.User, new SendMessage(messageId, to, text, contentType, subject), ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["messageId"] = reply.MessageId,
            ["sequence"] = reply.Sequence,
            ["acceptedAt"] = reply.AcceptedAt,
        };
    }

    private async Task<JsonNode?> HistoryAsync(ClientRequest request, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var data = new RequestReader(request.Data);
        var peer = data.Has("peer") ? data.RequiredAddress("peer") : (Cluster.Actors.Common.UserAddress?)null;
        var limit = data.OptionalInt("limit", 50, 1, MaxPage);
        var before = data.OptionalString("before", 128);
        var page = await api.Calls.QueryAsync<HistoryPage>(link.User, new GetHistory(limit, before, null, peer), ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["messages"] = ApiJson.Array(page.Messages, m => ApiJson.Message(m)),
            ["hasMore"] = page.HasMore,
        };
    }

    private async Task<JsonNode?> ReceiptAsync(ClientRequest request, bool read, CancellationToken ct)
    {
        var link = api.LinkOf(request.Session);
        var ids = new RequestReader(request.Data).RequiredStrings("messageIds", MaxReceiptIds);
        IUserCommand command = read ? new MarkRead(ids) : new ConfirmDelivery(ids);
        await api.Calls.SendAsync(link.User, command, ct).ConfigureAwait(false);
        return new JsonObject { ["count"] = ids.Count };
    }
}
