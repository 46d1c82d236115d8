using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Cluster.Runtime.Persistence.Serialization;

/// <summary>
/// Maps persisted CLR types to stable manifest strings and back, and carries old manifests forward. Every event and
/// snapshot type is registered explicitly (<c>Register&lt;BindingAdded&gt;("user.binding-added.v1")</c>), never
/// derived from a CLR name, so renaming or moving a class never breaks stored data.
/// </summary>
/// <remarks>
/// Payloads are UTF-8 JSON with camelCase property names and enum values written as camelCase strings, so stored
/// bytes depend only on the declared property names, not on member order or enum numbering.
/// When an event's shape changes, register the new type under a new manifest (".v2") and register the old
/// manifest either with <see cref="RegisterUpcast{TOld,TNew}"/> (keep the old record type and convert it) or with
/// <see cref="RegisterMigration{T}"/> (rewrite the old JSON into the new shape). Writes always use the current
/// manifest; reads accept both. Register everything before the journal starts; lookups are lock-free.
/// </remarks>
public sealed partial class SerializerRegistry
{
    private readonly ConcurrentDictionary<Type, string> manifestsByType = new();
    private readonly ConcurrentDictionary<string, Func<byte[], object?>> readers = new(StringComparer.Ordinal);

    public SerializerRegistry(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
    }

    /// <summary>The JSON options payloads are written and read with.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>camelCase property names and camelCase string enums: names that stay stable as code changes.</summary>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true));
        return options;
    }

    /// <summary>Registers <typeparamref name="T"/> as the current type stored under <paramref name="manifest"/>.</summary>
    public SerializerRegistry Register<T>(string manifest) where T : notnull
    {
        ValidateManifest(manifest);
        if (!manifestsByType.TryAdd(typeof(T), manifest))
            throw new ArgumentException($"type {typeof(T).FullName} is already registered as '{manifestsByType[typeof(T)]}'");
        AddReader(manifest, bytes => JsonSerializer.Deserialize<T>(bytes, Options), typeof(T));
        return this;
    }

    /// <summary>
    /// Lets payloads stored under the old <paramref name="manifest"/> load: they are read as
    /// <typeparamref name="TOld"/> (the type as it was) and converted by <paramref name="upcast"/>.
    /// <typeparamref name="TOld"/> is never written.
    /// </summary>
    public SerializerRegistry RegisterUpcast<TOld, TNew>(string manifest, Func<TOld, TNew> upcast) where TNew : notnull
    {
        ValidateManifest(manifest);
        ArgumentNullException.ThrowIfNull(upcast);
        AddReader(manifest, bytes =>
        {
            var old = JsonSerializer.Deserialize<TOld>(bytes, Options);
            return old is null ? null : upcast(old);
        }, typeof(TOld));
        return this;
    }

    /// <summary>
    /// Lets payloads stored under the old <paramref name="manifest"/> load as <typeparamref name="T"/> after
    /// <paramref name="migrate"/> rewrote the stored JSON object into <typeparamref name="T"/>'s current shape
    /// (rename a property, add a default, split a field), without keeping the old type in code.
    /// </summary>
    public SerializerRegistry RegisterMigration<T>(string manifest, Func<JsonObject, JsonObject> migrate) where T : notnull
    {
        ValidateManifest(manifest);
        ArgumentNullException.ThrowIfNull(migrate);
        AddReader(manifest, bytes =>
        {
            var node = JsonNode.Parse(bytes) as JsonObject
                       ?? throw new JsonException($"payload of manifest '{manifest}' is not a JSON object");
            return migrate(node).Deserialize<T>(Options);
        }, typeof(T));
        return this;
    }

    /// <summary>True when <paramref name="manifest"/> can be read.</summary>
    public bool IsKnown(string manifest) => readers.ContainsKey(manifest);

    /// <summary>The manifest <paramref name="type"/> is written under, if registered.</summary>
    public bool TryGetManifest(Type type, out string manifest) => manifestsByType.TryGetValue(type, out manifest!);

    /// <summary>Serializes <paramref name="payload"/> under its registered manifest.</summary>
    /// <exception cref="PayloadSerializationException">the type is not registered, or JSON serialization failed.</exception>
    public SerializedPayload Serialize(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = payload.GetType();
        if (!manifestsByType.TryGetValue(type, out var manifest))
            throw new PayloadSerializationException(
                $"type {type.FullName} has no manifest: register it with SerializerRegistry.Register<{type.Name}>(\"<stable-name>.v1\")");
        try
        {
            return new SerializedPayload(manifest, JsonSerializer.SerializeToUtf8Bytes(payload, type, Options));
        }
        catch (Exception ex)
        {
            // Whatever a converter or getter throws, the write is rejected rather than failing the caller.
            throw new PayloadSerializationException($"serializing {type.FullName} (manifest '{manifest}') failed: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a stored payload back into the current type, applying a registered upcast or migration.</summary>
    /// <exception cref="UnknownManifestException">no type or migration is registered for <paramref name="manifest"/>.</exception>
    /// <exception cref="PayloadSerializationException">the bytes are not valid for the manifest's type.</exception>
    public object Deserialize(string manifest, byte[] bytes, string persistenceId)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(bytes);
        if (!readers.TryGetValue(manifest, out var reader))
            throw new UnknownManifestException(manifest, persistenceId);
        object? result;
        try
        {
            result = reader(bytes);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new PayloadSerializationException(
                $"payload of persistence id '{persistenceId}' with manifest '{manifest}' cannot be read: {ex.Message}", ex);
        }
        return result ?? throw new PayloadSerializationException(
            $"payload of persistence id '{persistenceId}' with manifest '{manifest}' is JSON null");
    }

    private void AddReader(string manifest, Func<byte[], object?> reader, Type type)
    {
        if (!readers.TryAdd(manifest, reader))
            throw new ArgumentException($"manifest '{manifest}' is already registered (while registering {type.FullName})");
    }

    private static void ValidateManifest(string manifest)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        if (manifest.Length > 255 || !ManifestPattern().IsMatch(manifest))
            throw new ArgumentException(
                $"manifest '{manifest}' must be 1-255 characters of letters, digits, '.', '-', '_', ':' or '/'", nameof(manifest));
    }

    [GeneratedRegex("^[A-Za-z0-9._:/-]+$")]
    private static partial Regex ManifestPattern();
}
