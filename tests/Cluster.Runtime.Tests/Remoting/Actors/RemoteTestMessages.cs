using Cluster.Runtime.Kernel;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Tests.Remoting.Actors;

public sealed record Ping(int N);

public sealed record Pong(int N);

/// <summary>Carries a reference inside the message: the receiver answers <see cref="ReplyTo"/>, not the sender.</summary>
public sealed record Hello(string Text, IActorRef ReplyTo);

public sealed record Seq(int N);

/// <summary>Asks the sequence collector for its verdict.</summary>
public sealed record SeqReport(int Expected, IActorRef ReplyTo);

public sealed record SeqResult(int Received, int FirstOutOfOrder);

/// <summary>A type deliberately left out of the registry.</summary>
public sealed record NotRegistered(string Text);

internal static class RemoteTestMessages
{
    public static void Register(SerializerRegistry registry) => registry
        .Register<Ping>("test.ping.v1")
        .Register<Pong>("test.pong.v1")
        .Register<Hello>("test.hello.v1")
        .Register<Seq>("test.seq.v1")
        .Register<SeqReport>("test.seq-report.v1")
        .Register<SeqResult>("test.seq-result.v1");
}
