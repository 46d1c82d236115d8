using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Transactions.Support;

/// <summary>A fake transport that records every send with the clock time, and can be told to fail.</summary>
internal sealed class RecordingSender(ManualTimeProvider time) : ISipSender
{
    private readonly Lock gate = new();
    private readonly List<Sent> sent = [];

    public bool Fail { get; set; }

    /// <summary>Destinations whose sends fail like a refused connection.</summary>
    public HashSet<System.Net.IPEndPoint> FailFor { get; } = [];

    public IReadOnlyList<Sent> All
    {
        get { lock (gate) return sent.ToList(); }
    }

    public string GetSentBy(SipTransportKind transport) => "192.0.2.10:5060";

    public ValueTask SendAsync(SipDestination destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        Record(message, destination, null);

    public ValueTask SendResponseAsync(SipFlow requestFlow, SipVia topVia, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default) =>
        Record(response, null, requestFlow);

    private ValueTask Record(ReadOnlyMemory<byte> bytes, SipDestination? destination, SipFlow? flow)
    {
        if (Fail || destination is not null && FailFor.Contains(destination.EndPoint)) return ValueTask.FromException(new SipTransportException("connection refused (test)"));
        var result = SipMessageParser.ParseDatagram(bytes.Span, SipParserOptions.Default, out var message);
        Assert.True(result.IsComplete, $"the layer sent an unparsable message: {result}");
        lock (gate) sent.Add(new Sent(time.Elapsed, message!, destination, flow));
        return ValueTask.CompletedTask;
    }

    /// <summary>Times (from the start) at which messages matching <paramref name="filter"/> were sent.</summary>
    public double[] TimesOf(Func<SipMessage, bool> filter) => All.Where(s => filter(s.Message)).Select(s => s.At.TotalSeconds).ToArray();

    public sealed record Sent(TimeSpan At, SipMessage Message, SipDestination? Destination, SipFlow? Flow);
}
