using System.Buffers;
using System.Text.Json;
using Cluster.Runtime.Persistence.Serialization;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// The transport's <see cref="IRemotePayloadSerializer"/> for actor messages: the manifest comes from the system's
/// <see cref="SerializerRegistry"/> (explicit registrations only), the payload is the registry's JSON written straight
/// into the outgoing frame's pooled buffer. Reading goes through the registry too, so upcasts and migrations
/// registered for an old manifest also apply to messages from nodes still running the old version.
/// </summary>
internal sealed class RemoteMessageSerializer(SerializerRegistry registry) : IRemotePayloadSerializer
{
    [ThreadStatic] private static Utf8JsonWriter? cachedWriter;

    public SerializerRegistry Registry { get; } = registry;

    /// <exception cref="UnregisteredMessageTypeException">the message's type has no manifest.</exception>
    public string GetManifest(object message)
    {
        var type = message.GetType();
        return Registry.TryGetManifest(type, out var manifest) ? manifest : throw new UnregisteredMessageTypeException(type);
    }

    public void Serialize(object message, IBufferWriter<byte> output)
    {
        var writer = cachedWriter;
        if (writer is null) cachedWriter = writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        else writer.Reset(output);
        try
        {
            JsonSerializer.Serialize(writer, message, message.GetType(), Registry.Options);
            writer.Flush();
        }
        finally
        {
            // Do not keep the frame's pooled buffer reachable from the thread.
            writer.Reset(NullBufferWriter.Instance);
        }
    }

    /// <exception cref="RemoteDeserializationException">unknown manifest or bytes that do not fit it.</exception>
    public object Deserialize(string manifest, ReadOnlySequence<byte> payload)
    {
        if (!Registry.IsKnown(manifest))
            throw new RemoteDeserializationException($"unknown manifest '{manifest}' (the type is not registered on this node)");
        try
        {
            return Registry.Deserialize(manifest, payload.ToArray(), "remote message");
        }
        catch (PayloadSerializationException ex)
        {
            throw new RemoteDeserializationException($"payload of manifest '{manifest}' cannot be read: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    /// <summary>A buffer writer that is never written to; parks the cached JSON writer between uses.</summary>
    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();
        public void Advance(int count) => throw new InvalidOperationException("parked writer");
        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("parked writer");
        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("parked writer");
    }
}
