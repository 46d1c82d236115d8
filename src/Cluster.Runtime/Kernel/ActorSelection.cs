using System.Text;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// A path pattern resolved at send time (Akka's ActorSelection): absolute (<c>/user/a</c>, <c>uc://sys/user/a</c>)
/// or relative to the actor that created it (<c>../sibling</c>, <c>child/*</c>). Elements may use the wildcards
/// <c>*</c> and <c>?</c>. A message sent to a selection that matches nothing becomes a dead letter, except
/// <see cref="Identify"/>, which is answered with an empty <see cref="ActorIdentity"/>.
/// </summary>
public sealed class ActorSelection
{
    private readonly ActorSystem system;
    private readonly InternalActorRef anchor;
    private readonly string[] elements;

    private ActorSelection(ActorSystem system, InternalActorRef anchor, string[] elements)
    {
        this.system = system;
        this.anchor = anchor;
        this.elements = elements;
    }

    public IActorRef Anchor => anchor;

    /// <summary>The pattern below the anchor, e.g. <c>user/a/*</c>.</summary>
    public string PathString => string.Join('/', elements);

    internal static ActorSelection Create(ActorSystem system, IActorRef? relativeTo, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var provider = system.Provider;
        InternalActorRef anchor;
        string rest;
        if (path.Contains("://", StringComparison.Ordinal))
        {
            if (!Address.TryParsePrefix(path, out var address, out rest))
                throw new FormatException($"'{path}' is not an actor path (expected uc://system[@host:port]/...).");
            anchor = address.Equals(provider.RootPath.Address)
                ? provider.RootCell.SelfRef
                : (InternalActorRef)provider.ResolveActorRef(ActorPath.RootOf(address));
        }
        else if (path.StartsWith('/'))
        {
            anchor = provider.RootCell.SelfRef;
            rest = path;
        }
        else
        {
            anchor = relativeTo as InternalActorRef ?? provider.RootCell.SelfRef;
            rest = path;
        }
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new ActorSelection(system, anchor, parts);
    }

    /// <summary>A selection below <paramref name="anchor"/>: how remoting replays a selection that arrived from another node.</summary>
    internal static ActorSelection Create(ActorSystem system, InternalActorRef anchor, string[] elements) => new(system, anchor, elements);

    /// <summary>Sends to every actor the selection matches now.</summary>
    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!anchor.IsLocal)
        {
            // Another node resolves the pattern (wildcards included) against its own hierarchy.
            anchor.Tell(new ActorSelectionMessage(message, elements), sender);
            return;
        }
        var targets = ResolveTargets();
        if (targets.Count == 0)
        {
            if (message is Identify identify) sender?.Tell(new ActorIdentity(identify.MessageId, null), system.DeadLetters);
            else system.DeadLetterRef.Deliver(message, sender, new EmptyLocalActorRef(system, DescribePath()));
            return;
        }
        foreach (var target in targets)
        {
            if (message is Identify identify && target is not LocalActorRef)
                sender?.Tell(new ActorIdentity(identify.MessageId, target), target);
            else target.Tell(message, sender);
        }
    }

    /// <summary>Tells with the current actor as sender.</summary>
    public void Tell(object message) => Tell(message, ActorCell.Current?.SelfRef);

    /// <summary>The single actor the selection names; fails with <see cref="ActorNotFoundException"/> when there is none.</summary>
    public Task<IActorRef> ResolveOne(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var targets = ResolveTargets();
        if (targets.Count == 1) return Task.FromResult<IActorRef>(targets[0]);
        if (targets.Count > 1)
            return Task.FromException<IActorRef>(new InvalidOperationException(
                $"Selection {DescribePath()} matches {targets.Count} actors; ResolveOne needs exactly one."));
        if (anchor is LocalActorRef || anchor is EmptyLocalActorRef)
            return Task.FromException<IActorRef>(new ActorNotFoundException($"No actor found for selection {DescribePath()}."));
        // Not resolvable here (another node): ask whatever answers Identify.
        return IdentifyAsync(timeout, cancellationToken);
    }

    private async Task<IActorRef> IdentifyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        object request = anchor.IsLocal ? new Identify(null) : new ActorSelectionMessage(new Identify(null), elements);
        var identity = await anchor.Ask<ActorIdentity>(request, timeout, cancellationToken).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"No actor found for selection {DescribePath()}.");
    }

    /// <summary>The actors matching the pattern at this moment.</summary>
    internal List<InternalActorRef> ResolveTargets()
    {
        var results = new List<InternalActorRef>();
        Resolve(anchor, 0, results);
        return results;
    }

    private void Resolve(InternalActorRef current, int index, List<InternalActorRef> results)
    {
        if (index == elements.Length)
        {
            if (!current.IsTerminated || current is DeadLetterActorRef) results.Add(current);
            return;
        }
        var element = elements[index];
        if (element == "..")
        {
            if (current is LocalActorRef { Cell.ParentRef: var parent } && parent is not BubbleWalker)
                Resolve(parent, index + 1, results);
            return;
        }
        if (element == ".")
        {
            Resolve(current, index + 1, results);
            return;
        }
        if (current is not LocalActorRef local) return;
        var provider = system.Provider;
        var isRoot = ReferenceEquals(local.Cell, provider.RootCell);
        if (isRoot && element == "temp" && index + 1 < elements.Length)
        {
            if (provider.TempActor(elements[index + 1]) is { } temp && index + 2 == elements.Length) results.Add(temp);
            return;
        }
        if (isRoot && provider.RootSpecialChild(element) is { } special)
        {
            Resolve(special, index + 1, results);
            return;
        }
        if (element.AsSpan().IndexOfAny('*', '?') < 0)
        {
            if (local.Cell.GetChild(element) is { } child) Resolve(child, index + 1, results);
            return;
        }
        foreach (var child in local.Cell.ChildrenSnapshot())
            if (GlobMatch(element, child.Path.Name)) Resolve(child, index + 1, results);
    }

    /// <summary>Matches <paramref name="name"/> against a pattern with <c>*</c> (any run) and <c>?</c> (one char).</summary>
    internal static bool GlobMatch(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private ActorPath DescribePath()
    {
        var path = anchor.Path;
        foreach (var e in elements)
        {
            if (e == "..") path = path.Parent ?? path;
            else if (e != ".") path = path.Child(e, ActorPath.UndefinedUid);
        }
        return path;
    }

    public override string ToString()
    {
        var sb = new StringBuilder("ActorSelection[").Append(anchor.Path);
        foreach (var e in elements) sb.Append('/').Append(e);
        return sb.Append(']').ToString();
    }
}
