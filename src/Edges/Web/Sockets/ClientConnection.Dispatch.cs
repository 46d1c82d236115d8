using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Edges.Web;

/// <summary>Envelope handling: authentication and resume, built-in types, and dispatch to registered handlers.</summary>
internal sealed partial class ClientConnection
{
    private async Task DispatchAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!ClientEnvelope.TryParse(message.Span, out var envelope, out var id, out var code, out var error))
        {
            SendError(id, code, error);
            return;
        }
        if (Session is not { } current)
        {
            Authenticate(envelope);
            return;
        }
        if (token is null || !endpoint.Tokens.TryValidate(token, out _))
        {
            Close(ClientCloseCodes.TokenEnded, "session token expired or revoked; log in again", "token-ended");
            return;
        }

        switch (envelope.Type)
        {
            case "auth" or "resume":
                SendError(envelope.Id, ClientErrorCodes.AlreadyAuthenticated, "this connection already has a session");
                return;
            case "ping":
                Send(ClientFrames.Encode(ClientFrames.Result, envelope.Id, null, null));
                return;
        }

        if (!endpoint.Handlers.TryGet(envelope.Type, out var handler))
        {
            SendError(envelope.Id, ClientErrorCodes.UnknownType, $"no handler for message type '{envelope.Type}'");
            return;
        }
        try
        {
            var result = await handler.HandleAsync(new ClientRequest(envelope.Type, envelope.Id, envelope.Data, current), cancellationToken)
                .ConfigureAwait(false);
            Send(ClientFrames.Encode(ClientFrames.Result, envelope.Id, null, result));
        }
        catch (ClientRequestException ex)
        {
            SendError(envelope.Id, ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            log.Error(ex, "Handler {Handler} failed on {Type} (id {RequestId}) for {UserId}",
                handler.GetType().Name, envelope.Type, envelope.Id, current.User.UserId);
            SendError(envelope.Id, ClientErrorCodes.InternalError, "the server could not handle this request");
        }
    }

    /// <summary>The first message: <c>auth</c> opens a new session, <c>resume</c> continues one.</summary>
    private void Authenticate(ClientEnvelope envelope)
    {
        if (envelope.Type is not ("auth" or "resume"))
        {
            SendError(envelope.Id, ClientErrorCodes.AuthRequired, "the first message must be auth or resume");
            Close(ClientCloseCodes.PolicyViolation, "not authenticated: first message must be auth or resume");
            return;
        }
        if (!TryGetString(envelope.Data, "token", out var presented, out var problem))
        {
            SendError(envelope.Id, ClientErrorCodes.BadRequest, problem);
            Close(ClientCloseCodes.PolicyViolation, "authentication failed: " + problem);
            return;
        }
        presented ??= headerToken;
        if (presented is null || !endpoint.Tokens.TryValidate(presented, out var record))
        {
            SendError(envelope.Id, ClientErrorCodes.AuthFailed, presented is null ? "no token given" : "token is unknown, expired or revoked");
            Close(ClientCloseCodes.PolicyViolation, "authentication failed");
            return;
        }

        authTimer?.Dispose();
        token = presented;
        if (envelope.Type == "auth")
        {
            StartSession(record, envelope.Id, ClientFrames.Result, null);
            return;
        }

        if (!TryGetString(envelope.Data, "sessionId", out var sessionId, out problem) || sessionId is null
            || !TryGetLastSeq(envelope.Data, out var lastSeq, out problem))
        {
            SendError(envelope.Id, ClientErrorCodes.BadRequest, problem.Length > 0 ? problem : "\"sessionId\" is required");
            Close(ClientCloseCodes.PolicyViolation, "bad resume request");
            return;
        }
        var existing = endpoint.Sessions.Get(sessionId);
        string failure;
        if (existing is null || !string.Equals(existing.User.UserId, record.User.UserId, StringComparison.Ordinal))
            failure = "unknown session";
        else if (existing.TryResume(this, record.TokenId, lastSeq,
                     seq => ClientFrames.Encode(ClientFrames.Result, envelope.Id, null, SessionInfo(existing, seq, resumed: true)),
                     out var previous, out failure))
        {
            Volatile.Write(ref session, existing);
            endpoint.Sessions.Resumed(existing);
            previous?.Close(ClientCloseCodes.SessionTakenOver, "session resumed by another connection");
            log.Information("Client session {SessionId} of {UserId} resumed after seq {LastSeq}", existing.SessionId, record.User.UserId, lastSeq);
            return;
        }
        log.Information("Resume of session {SessionId} by {UserId} refused ({Reason}); resync required", sessionId, record.User.UserId, failure);
        StartSession(record, envelope.Id, ClientFrames.ResyncRequired, failure);
    }

    private void StartSession(SessionRecord record, string? requestId, string replyType, string? resyncReason)
    {
        var started = endpoint.Sessions.Start(record.User, record.TokenId);
        Volatile.Write(ref session, started);
        var info = SessionInfo(started, 0, resumed: false);
        if (resyncReason is not null)
            info["reason"] = resyncReason;
        if (!started.Attach(this, ClientFrames.Encode(replyType, requestId, null, info)))
            Close(ClientCloseCodes.TokenEnded, "session ended while starting");
        log.Information("Client session {SessionId} started for {UserId}", started.SessionId, record.User.UserId);
    }

    private JsonObject SessionInfo(ClientSession current, long lastSeq, bool resumed) => new()
    {
        ["sessionId"] = current.SessionId,
        ["user"] = new JsonObject { ["id"] = current.User.UserId, ["displayName"] = current.User.DisplayName },
        ["lastSeq"] = lastSeq,
        ["resumed"] = resumed,
        ["resumeWindowSeconds"] = (long)endpoint.Settings.ResumeWindow.TotalSeconds,
    };

    private static bool TryGetString(JsonElement data, string name, out string? value, out string problem)
    {
        value = null;
        problem = string.Empty;
        if (!data.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return true;
        if (element.ValueKind != JsonValueKind.String)
        {
            problem = $"\"{name}\" must be a string";
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static bool TryGetLastSeq(JsonElement data, out long lastSeq, out string problem)
    {
        lastSeq = 0;
        problem = string.Empty;
        if (data.TryGetProperty("lastSeq", out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out lastSeq) && lastSeq >= 0)
            return true;
        problem = "\"lastSeq\" must be a non-negative integer";
        return false;
    }
}
