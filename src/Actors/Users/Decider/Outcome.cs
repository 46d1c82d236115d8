namespace Cluster.Actors.Users;

/// <summary>What one command handler decided, before the decider's common post-processing.</summary>
internal sealed class Outcome
{
    private Outcome(IUserReply? reply, Func<UserState, IUserReply>? replyFactory)
    {
        Reply = reply;
        ReplyFactory = replyFactory;
    }

    public List<IUserEvent> Events { get; } = [];

    public List<IUserEphemeralChange> Ephemeral { get; } = [];

    public List<IUserEffect> Effects { get; } = [];

    public IUserReply? Reply { get; }

    /// <summary>Builds the reply from the state after the events (e.g. the binding list of a REGISTER).</summary>
    public Func<UserState, IUserReply>? ReplyFactory { get; }

    public bool IsRejected => Reply is CommandRejected;

    public static Outcome Ok() => new(Ack.Instance, null);

    public static Outcome Ok(IUserReply reply) => new(reply, null);

    public static Outcome Ok(Func<UserState, IUserReply> replyFactory) => new(null, replyFactory);

    public static Outcome Reject(UserErrorCode code, string reason) => new(new CommandRejected(code, reason), null);

    public Outcome With(params IUserEvent[] events)
    {
        Events.AddRange(events);
        return this;
    }

    public Outcome With(IEnumerable<IUserEvent> events)
    {
        Events.AddRange(events);
        return this;
    }

    public Outcome WithEphemeral(IUserEphemeralChange change)
    {
        Ephemeral.Add(change);
        return this;
    }

    public Outcome WithEffect(IUserEffect effect)
    {
        Effects.Add(effect);
        return this;
    }
}
