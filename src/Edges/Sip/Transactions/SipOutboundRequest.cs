using Cluster.Edges.Dns.SipLocation;
using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// One request sent to a SIP URI with RFC 3263 §4.3 fail-over: the URI is located to an ordered target list, and a
/// client transaction (with its own branch and a Via for that target's transport) is tried per target until one
/// answers. A transport error, a timeout (Timer B/F) or a 503 before any other response moves on to the next target;
/// the user sees the responses of the target that answered, or the last failure when all of them failed.
/// </summary>
public sealed class SipOutboundRequest : ISipClientTransactionUser
{
    private readonly SipTransactionLayer layer;
    private readonly SipMessageBuilder template;
    private readonly IReadOnlyList<SipTarget> targets;
    private readonly ISipClientTransactionUser user;
    private readonly Lock gate = new();
    private int index = -1;
    private bool answered;

    private SipOutboundRequest(SipTransactionLayer layer, SipMessageBuilder template, IReadOnlyList<SipTarget> targets, ISipClientTransactionUser user)
    {
        this.layer = layer;
        this.template = template;
        this.targets = targets;
        this.user = user;
    }

    /// <summary>The targets in fail-over order.</summary>
    public IReadOnlyList<SipTarget> Targets => targets;

    /// <summary>The transaction for the target being tried (or that answered).</summary>
    public SipClientTransaction? Current { get; private set; }

    /// <summary>
    /// Locates <paramref name="target"/> and sends <paramref name="request"/> (a builder without Via) to the first
    /// target. Throws <see cref="SipTransportException"/> when the URI yields no targets.
    /// </summary>
    public static async Task<SipOutboundRequest> SendAsync(SipTransactionLayer layer, SipServerLocator locator, SipMessageBuilder request,
        SipUri target, ISipClientTransactionUser user, CancellationToken cancellationToken = default) =>
        await SendAsync(layer, (r, ct) => locator.LocateAsync(r, ct), request, target, user, cancellationToken).ConfigureAwait(false);

    /// <summary>As above with any locating function (a static route table, a test).</summary>
    public static async Task<SipOutboundRequest> SendAsync(SipTransactionLayer layer, Func<SipLocationRequest, CancellationToken, Task<SipLocationResult>> locate,
        SipMessageBuilder request, SipUri target, ISipClientTransactionUser user, CancellationToken cancellationToken = default)
    {
        if (!target.IsSip || target.Host is null) throw new ArgumentException($"'{target}' is not a SIP or SIPS URI with a host", nameof(target));
        var located = await locate(new SipLocationRequest(target.Host, target.Port, target.Transport, target.Scheme == Parsing.SipUriScheme.Sips),
            cancellationToken).ConfigureAwait(false);
        if (!located.IsSuccess) throw new SipTransportException($"no targets for {target}: {located.Failure}");
        var outbound = new SipOutboundRequest(layer, request, located.Targets, user);
        outbound.TryNext(null);
        return outbound;
    }

    /// <summary>Starts the next target; false when none is left.</summary>
    private bool TryNext(Action? reportFailure)
    {
        while (true)
        {
            SipTarget next;
            lock (gate)
            {
                if (answered || index + 1 >= targets.Count)
                {
                    reportFailure?.Invoke();
                    return false;
                }
                next = targets[++index];
            }
            var destination = SipDestination.FromTarget(next);
            try
            {
                var request = layer.CreateRequest(template, destination.Transport);
                lock (gate) Current = null;
                var tx = layer.StartClient(request, destination, this);
                lock (gate) Current ??= tx;
                return true;
            }
            catch (InvalidOperationException ex)
            {
                layer.Log.Warning("Request to {Target} not started: {Error}", next, ex.Message);
                reportFailure = () => user.OnTransportError(Current!, new SipTransportException(ex.Message, ex));
            }
        }
    }

    private bool IsCurrent(SipClientTransaction transaction)
    {
        lock (gate)
        {
            Current ??= transaction; // a failure reported synchronously from StartClient
            return ReferenceEquals(Current, transaction);
        }
    }

    public void OnResponse(SipClientTransaction transaction, SipInboundMessage response)
    {
        if (!IsCurrent(transaction)) return;
        var failOver = false;
        lock (gate)
        {
            if (!answered && response.Message.StatusCode == 503 && index + 1 < targets.Count) failOver = true; // RFC 3263 §4.3
            else if (response.Message.StatusCode >= 100) answered = true;
        }
        if (failOver)
        {
            layer.Log.Debug("{Target} answered 503; trying the next target", targets[index]);
            TryNext(() => user.OnResponse(transaction, response));
            return;
        }
        user.OnResponse(transaction, response);
    }

    public void OnTimeout(SipClientTransaction transaction)
    {
        if (!IsCurrent(transaction)) return;
        layer.Log.Debug("{Destination} timed out; trying the next target", transaction.Destination);
        TryNext(() => user.OnTimeout(transaction));
    }

    public void OnTransportError(SipClientTransaction transaction, SipTransportException error)
    {
        if (!IsCurrent(transaction)) return;
        layer.Log.Debug("{Destination} failed ({Error}); trying the next target", transaction.Destination, error.Message);
        TryNext(() => user.OnTransportError(transaction, error));
    }
}
