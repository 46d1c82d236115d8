using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Cluster.Edges.Web;

/// <summary>
/// Maps message types to handlers. Other subsystems add their types at startup (e.g. "presence.set",
/// "chat.send"); the edge dispatches every authenticated message through it.
/// </summary>
public sealed class ClientMessageRegistry
{
    /// <summary>Types the edge itself implements; they cannot be registered.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "auth", "resume", "ping", ClientFrames.Result, ClientFrames.Error, ClientFrames.ResyncRequired,
    };

    private readonly ConcurrentDictionary<string, IClientMessageHandler> handlers = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="handler"/> for <paramref name="type"/>; a type can have one handler only.</summary>
    public void Register(string type, IClientMessageHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(handler);
        if (Reserved.Contains(type))
            throw new ArgumentException($"message type '{type}' is reserved by the web edge");
        if (type.Length > 64)
            throw new ArgumentException($"message type '{type}' is longer than 64 characters");
        if (!handlers.TryAdd(type, handler))
            throw new InvalidOperationException($"message type '{type}' already has a handler ({handlers[type].GetType().Name})");
    }

    /// <summary>Registers a delegate as the handler of <paramref name="type"/>.</summary>
    public void Register(string type, Func<ClientRequest, CancellationToken, ValueTask<JsonNode?>> handler) =>
        Register(type, new DelegateHandler(handler ?? throw new ArgumentNullException(nameof(handler))));

    /// <summary>Finds the handler of <paramref name="type"/>.</summary>
    public bool TryGet(string type, out IClientMessageHandler handler) => handlers.TryGetValue(type, out handler!);

    /// <summary>Registered types, sorted, for documentation and the shell.</summary>
    public IReadOnlyList<string> Types => handlers.Keys.Order(StringComparer.Ordinal).ToArray();

    private sealed class DelegateHandler(Func<ClientRequest, CancellationToken, ValueTask<JsonNode?>> handler) : IClientMessageHandler
    {
        public ValueTask<JsonNode?> HandleAsync(ClientRequest request, CancellationToken cancellationToken) => handler(request, cancellationToken);
    }
}
