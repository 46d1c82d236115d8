using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.Actors.Common;

/// <summary>
/// The one JSON setting used for every persisted domain event and snapshot. Field names are the camelCase property
/// names and enums are kebab-case strings (<c>do-not-disturb</c>), so renaming a C# member is a breaking change that
/// the stored-payload tests catch; nulls are omitted so an added optional field leaves old payloads valid.
/// </summary>
public static class DomainJson
{
    /// <summary>Options for events, snapshots and recorded replies. Shared and read-only: do not mutate.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serializes a persisted value with <see cref="Options"/> as its runtime type.</summary>
    public static string Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), Options);
    }

    /// <summary>Reads a persisted value of the given type.</summary>
    /// <exception cref="JsonException">The payload does not match the type.</exception>
    public static object Deserialize(string json, Type type)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(type);
        return JsonSerializer.Deserialize(json, type, Options)
            ?? throw new JsonException($"payload for {type.Name} is null");
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
