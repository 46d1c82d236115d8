using Cluster.Actors.Common;

namespace Cluster.Actors.Calls;

/// <summary>
/// The pure decision logic of the call entity, a SIP back-to-back user agent: given a state, a command and the time, it
/// returns what to journal, what to change without journaling, what to answer and which SIP messages, lookups and
/// wake-ups to send (<see cref="CallDecision"/>). It touches no clock and no I/O; its only other inputs are the
/// settings, the SDP rewrite hook and the entropy source, whose outputs end up in events.
/// </summary>
public sealed partial class CallDecider
{
    public CallDecider(CallSettings settings, ICallEntropy? entropy = null, ISdpRewriter? sdp = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Entropy = entropy ?? SecureCallEntropy.Instance;
        Sdp = sdp ?? PassThroughSdp.Instance;
    }

    public CallSettings Settings { get; }

    public ICallEntropy Entropy { get; }

    /// <summary>The media-anchoring hook every relayed SDP passes through.</summary>
    public ISdpRewriter Sdp { get; }

    /// <summary>Decides a command. A command id already answered gets the first answer and no changes.</summary>
    public CallDecision Decide(CallState state, ICallCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var commandId = string.IsNullOrWhiteSpace(command.CommandId) ? null : command.CommandId;
        if (commandId is not null && (state.Commands.Find(commandId) ?? state.Ephemeral.Answers.Find(commandId)) is { } first)
        {
            return new CallDecision([], [], first, [], state, IsDuplicate: true);
        }

        var o = new CallOutcome(state, now);
        Handle(o, command);
        if (o.Rejection is { } rejection)
        {
            if (commandId is null)
            {
                return new CallDecision([], [], rejection, [], state);
            }

            var answered = new CallCommandAnswered(commandId, rejection);
            return new CallDecision([], [answered], rejection, [], state.ApplyEphemeral(answered));
        }

        var reply = new CallAccepted(o.State.Phase);
        if (commandId is not null)
        {
            if (o.Events.Count > 0)
            {
                o.Emit(new CallCommandRecorded(commandId, reply));
            }
            else
            {
                o.Change(new CallCommandAnswered(commandId, reply));
            }
        }

        return new CallDecision(o.Events, o.Ephemeral, reply, o.Effects, o.State);
    }

    /// <summary>What <c>uc call show</c> prints; never changes the state.</summary>
    public static CallView Describe(CallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        IReadOnlyList<CallLeg> legs = [.. state.Legs.Values, .. state.Ephemeral.Forks.Values];
        return new CallView(state.CallId, state.Started, state.Phase, state.Kind, state.Caller, state.Callee, state.StartedAt,
            state.AnsweredAt, state.EndedAt, state.HeldByA, state.HeldByB, [.. legs.OrderBy(l => l.CreatedAt).ThenBy(l => l.LegId, StringComparer.Ordinal)],
            state.Transfer, state.Record, state.NextDeadline());
    }

    private void Handle(CallOutcome o, ICallCommand command)
    {
        switch (command)
        {
            case StartCall c:
                HandleStartCall(o, c);
                return;
            case StartClickToDial c:
                HandleClickToDial(o, c);
                return;
        }

        if (!o.State.Started)
        {
            o.Reject(CallErrorCode.NotFound, $"call {o.CallId} does not exist", 481);
            return;
        }

        if (o.State.IsEnded && command is not TimerDue)
        {
            o.Reject(CallErrorCode.Ended, $"call {o.CallId} has ended", 481);
            return;
        }

        switch (command)
        {
            case TargetsResolved c: HandleTargetsResolved(o, c); break;
            case TargetRegistered c: HandleTargetRegistered(o, c); break;
            case ReceiveResponse c: HandleResponse(o, c); break;
            case ReceiveAck c: HandleAck(o, c); break;
            case ReceiveCancel c: HandleCancel(o, c); break;
            case ReceiveBye c: HandleBye(o, c); break;
            case ReceiveReinvite c: HandleOffer(o, c.LegId, c.CSeq, c.TransactionKey, c.Sdp, c.SessionExpires, c.MinSe, SipMethod.Invite); break;
            case ReceiveUpdate c: HandleOffer(o, c.LegId, c.CSeq, c.TransactionKey, c.Sdp, c.SessionExpires, c.MinSe, SipMethod.Update); break;
            case ReceiveRefer c: HandleRefer(o, c); break;
            case ReceiveReplacingInvite c: HandleReplacingInvite(o, c); break;
            case HangUp: HandleHangUp(o); break;
            case TimerDue: HandleTimerDue(o); break;
            default:
                o.Reject(CallErrorCode.InvalidArgument, $"unknown call command {command.GetType().Name}", 400);
                break;
        }
    }

    /// <summary>A new id: the call's ephemeral sequence plus a random token, so ids never repeat across a failover.</summary>
    private string NextId(CallOutcome o, string prefix)
    {
        o.Change(SequenceAdvanced.Instance);
        return $"{prefix}{o.State.Ephemeral.Sequence}-{Entropy.Token(4)}";
    }

    private string Rewrite(CallOutcome o, string? fromLeg, string toLeg, string sdp) => Sdp.Rewrite(o.State, fromLeg, toLeg, sdp);

    /// <summary>
    /// The local user a URI names, when its domain is local: <c>sip:</c>/<c>sips:</c> URIs only, parameters, headers and
    /// port stripped. <paramref name="homeDomain"/> counts as local when no local domains are configured.
    /// </summary>
    internal UserAddress? LocalUserOf(string uri, string? homeDomain)
    {
        var text = uri.Trim();
        if (text.StartsWith('<') && text.EndsWith('>'))
        {
            text = text[1..^1];
        }

        int scheme;
        if (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            scheme = 4;
        }
        else if (text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            scheme = 5;
        }
        else
        {
            return null;
        }

        var rest = text[scheme..];
        var end = rest.IndexOfAny([';', '?', '>']);
        if (end >= 0)
        {
            rest = rest[..end];
        }

        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            var colon = rest.IndexOf(':', at);
            if (colon > 0)
            {
                rest = rest[..colon];
            }
        }

        if (!UserAddress.TryParse(rest, out var address, out _))
        {
            return null;
        }

        var local = Settings.LocalDomains.Count > 0
            ? Settings.LocalDomains.Contains(address.Domain, StringComparer.Ordinal)
            : string.Equals(address.Domain, homeDomain, StringComparison.OrdinalIgnoreCase);
        return local ? address : null;
    }

    /// <summary>The domain that counts as local when none are configured: the called (or click-to-dial) user's.</summary>
    private static string? HomeDomain(CallState state) =>
        state.Callee?.User?.Domain ?? state.Caller?.User?.Domain;

    /// <summary>RFC 3261 §14.1: after a 491, the owner of the Call-ID waits 2.1-4 s, the other side 0-2 s (10 ms units).</summary>
    private TimeSpan GlareDelay(CallLeg leg)
    {
        var ticks = (int)(Entropy.NextDouble() * (leg.Direction == LegDirection.Outgoing ? 190 : 200));
        return TimeSpan.FromMilliseconds((leg.Direction == LegDirection.Outgoing ? 2100 : 0) + ticks * 10);
    }
}
