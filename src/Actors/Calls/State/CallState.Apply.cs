namespace Cluster.Actors.Calls;

/// <summary>Event and ephemeral application: total and deterministic for events the decider produces.</summary>
public sealed partial record CallState
{
    /// <summary>Applies one journaled event; used for recovery and, after persisting, on the live path alike.</summary>
    public CallState Apply(ICallEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            CallStarted s => this with
            {
                Started = true,
                Kind = s.Kind,
                Caller = s.Caller,
                Callee = s.Callee,
                StartedAt = s.At,
                Stage = CallPhase.Initiated,
                Legs = s.CallerLeg is { } leg ? Legs.SetItem(leg.LegId, leg) : Legs,
            },
            LegAdded a => this with
            {
                Legs = Legs.SetItem(a.Leg.LegId, a.Leg),
                Ephemeral = Ephemeral with { Forks = Ephemeral.Forks.Remove(a.Leg.LegId) },
            },
            CallAnswered a => ApplyAnswered(a),
            LegEnded l => WithLeg(l.LegId, leg => leg with
            {
                Status = LegStatus.Terminated,
                EndedAt = l.At,
                Dialog = leg.Dialog with
                {
                    LocalCSeq = l.ByeCSeq ?? leg.Dialog.LocalCSeq,
                    RemoteCSeq = l.RemoteCSeq ?? leg.Dialog.RemoteCSeq,
                },
            }) with
            {
                Transfer = Transfer is { } t && t.ReferrerLegId == l.LegId ? t with { ReferrerGone = true } : Transfer,
            },
            LegReplaced r => WithLeg(r.OldLegId, leg => leg with
            {
                Status = LegStatus.Terminated,
                EndedAt = r.At,
                Dialog = leg.Dialog with { LocalCSeq = r.ByeCSeq ?? leg.Dialog.LocalCSeq },
            }).WithLeg(r.NewLegId, leg => leg with { Status = LegStatus.Confirmed, AnsweredAt = leg.AnsweredAt ?? r.At }),
            CallEnded c => ApplyEnded(c),
            CallRecorded r => this with { Record = r.Record },
            CallCommandRecorded r => this with { Commands = Commands.Add(r.CommandId, r.Reply) },

            NegotiationStarted n => ApplyNegotiationStarted(n),
            NegotiationGlared g => this with { Negotiation = Negotiation! with { RetryAt = g.RetryAt } },
            NegotiationRetried r => (this with
            {
                Negotiation = Negotiation! with { RetryAt = null, Attempts = Negotiation.Attempts + 1, SentCSeq = r.SentCSeq },
            }).WithLeg(Negotiation!.AnswererLegId, leg => leg with { Dialog = leg.Dialog with { LocalCSeq = r.SentCSeq } }),
            NegotiationFailed => this with { Negotiation = null },
            SdpExchanged x => (this with { Negotiation = null })
                .WithLeg(x.OffererLegId, leg => leg with { RemoteSdp = x.Offer, LocalSdp = x.AnswerSent })
                .WithLeg(x.AnswererLegId, leg => leg with { LocalSdp = x.OfferSent, RemoteSdp = x.Answer }),
            HoldChanged h => ApplyHold(h),
            SessionTimerSet t => WithLeg(t.LegId, leg => leg with
            {
                Timer = t.Timer,
                Dialog = leg.Dialog with { RemoteCSeq = Math.Max(leg.Dialog.RemoteCSeq, t.RemoteCSeq ?? 0) },
            }),
            SessionRefreshSent s => WithLeg(s.LegId, leg => leg with
            {
                Dialog = leg.Dialog with { LocalCSeq = s.CSeq },
                Timer = leg.Timer is { } timer ? timer with { PendingCSeq = s.CSeq, RetryAt = null } : null,
            }),
            SessionRefreshFailed f => WithLeg(f.LegId, leg => leg with
            {
                Timer = leg.Timer is { } timer ? timer with { PendingCSeq = null, RetryAt = f.RetryAt } : null,
            }),

            TransferStarted s => (this with
            {
                Transfer = s.Transfer,
                Stage = CallStateMachine.Transition(Stage, CallTrigger.TransferStarted, AnySideHeld),
            }).WithLeg(s.Transfer.ReferrerLegId, leg => leg with
            {
                Dialog = leg.Dialog with { RemoteCSeq = s.ReferCSeq, LocalCSeq = s.NotifyCSeq },
            }),
            TransferEnded t => ApplyTransferEnded(t),
            _ => throw new ArgumentException($"unknown call event {e.GetType().Name}", nameof(e)),
        };
    }

    /// <summary>Applies a change that is not journaled (see <see cref="CallEphemeralState"/>).</summary>
    public CallState ApplyEphemeral(ICallEphemeralChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ephemeral = change switch
        {
            ProgressChanged p => Ephemeral with { Progress = CallStateMachine.Transition(Phase, p.Trigger) },
            ForkChanged f => Ephemeral with { Forks = Ephemeral.Forks.SetItem(f.Leg.LegId, f.Leg) },
            RingGroupChanged g => Ephemeral with { Ringing = g.Group },
            RingGroupClosed c => Ephemeral.Ringing?.GroupId == c.GroupId ? Ephemeral with { Ringing = null } : Ephemeral,
            EarlyMediaChosen m => Ephemeral with { EarlyMediaLegId = m.LegId },
            SequenceAdvanced => Ephemeral with { Sequence = Ephemeral.Sequence + 1 },
            CallCommandAnswered a => Ephemeral with { Answers = Ephemeral.Answers.Add(a.CommandId, a.Reply) },
            _ => throw new ArgumentException($"unknown ephemeral change {change.GetType().Name}", nameof(change)),
        };
        return this with { Ephemeral = ephemeral };
    }

    private CallState ApplyAnswered(CallAnswered a)
    {
        var state = this with
        {
            AnsweredAt = a.At,
            Stage = CallStateMachine.Transition(Stage, CallTrigger.Answered, AnySideHeld),
            Ephemeral = Ephemeral with { Progress = null },
        };
        return state.Legs.ContainsKey(CallLeg.CallerLegId) && Kind == CallKind.Sip
            ? state.WithLeg(CallLeg.CallerLegId, leg => leg with
            {
                Status = LegStatus.Confirmed,
                AnsweredAt = a.At,
                LocalSdp = a.CallerSdp ?? leg.LocalSdp,
                Timer = a.CallerTimer,
                FinalStatus = 200,
            })
            : state;
    }

    private CallState ApplyEnded(CallEnded c)
    {
        var legs = Legs;
        foreach (var leg in Legs.Values)
        {
            if (!leg.IsActive)
            {
                continue;
            }

            var dialog = c.ByeCSeqs.TryGetValue(leg.LegId, out var cseq) ? leg.Dialog with { LocalCSeq = cseq } : leg.Dialog;
            legs = legs.SetItem(leg.LegId, leg with
            {
                Status = LegStatus.Terminated,
                EndedAt = c.At,
                Dialog = dialog,
                FinalStatus = leg.FinalStatus ?? c.Status,
            });
        }

        return this with
        {
            Legs = legs,
            Stage = CallStateMachine.Transition(Phase, CallTrigger.Ended),
            EndedAt = c.At,
            EndReason = c.Reason,
            EndStatus = c.Status,
            DisconnectedBy = c.DisconnectedBy,
            Negotiation = null,
            Transfer = null,
        };
    }

    private CallState ApplyNegotiationStarted(NegotiationStarted n)
    {
        var state = this with { Negotiation = n.Negotiation };
        if (n.Negotiation.SentCSeq > 0)
        {
            state = state.WithLeg(n.Negotiation.AnswererLegId, leg => leg with { Dialog = leg.Dialog with { LocalCSeq = n.Negotiation.SentCSeq } });
        }

        if (n.RemoteCSeq is { } remote)
        {
            state = state.WithLeg(n.Negotiation.OffererLegId, leg => leg with { Dialog = leg.Dialog with { RemoteCSeq = remote } });
        }

        return state;
    }

    private CallState ApplyHold(HoldChanged h)
    {
        var state = h.Side == LegSide.A ? this with { HeldByA = h.Held } : this with { HeldByB = h.Held };
        return state with { Stage = CallStateMachine.Transition(Stage, CallTrigger.HoldChanged, state.AnySideHeld) };
    }

    private CallState ApplyTransferEnded(TransferEnded t)
    {
        var referrer = Transfer?.ReferrerLegId;
        var state = this with
        {
            Transfer = null,
            Transfers = Transfers + (t.Succeeded ? 1 : 0),
            Stage = CallStateMachine.Transition(Stage, CallTrigger.TransferEnded, AnySideHeld),
        };
        return referrer is not null && t.NotifyCSeq is { } cseq
            ? state.WithLeg(referrer, leg => leg with { Dialog = leg.Dialog with { LocalCSeq = cseq } })
            : state;
    }

    private CallState WithLeg(string legId, Func<CallLeg, CallLeg> change) =>
        Legs.TryGetValue(legId, out var leg)
            ? this with { Legs = Legs.SetItem(legId, change(leg)) }
            : throw new ArgumentException($"call {CallId} has no leg {legId}", nameof(legId));
}
