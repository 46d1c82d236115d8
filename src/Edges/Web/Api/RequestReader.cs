using System.Globalization;
using System.Text.Json;
using Cluster.Actors.Common;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Reads the <c>data</c> object of a client request. Every failure is a <c>bad-request</c> error whose message names
/// the field and says what was expected, so a client developer can fix the request from the error alone.
/// </summary>
internal readonly struct RequestReader(JsonElement data)
{
    public const string BadRequest = ClientErrorCodes.BadRequest;

    /// <summary>True when the field is present (even as null).</summary>
    public bool Has(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out _);

    public string RequiredString(string name, int maxLength = 1024) =>
        OptionalString(name, maxLength) is { Length: > 0 } value ? value : throw Bad($"'{name}' is required (a non-empty string)");

    public string? OptionalString(string name, int maxLength = 1024)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Bad($"'{name}' must be a string");
        var text = value.GetString()!;
        return text.Length > maxLength ? throw Bad($"'{name}' is longer than {maxLength} characters") : text;
    }

    public UserAddress RequiredAddress(string name) => ParseAddress(name, RequiredString(name, 256));

    public IReadOnlyList<UserAddress> RequiredAddresses(string name, int maxCount)
    {
        if (!TryGet(name, out var value) || value.ValueKind != JsonValueKind.Array)
            throw Bad($"'{name}' is required (an array of user@domain addresses)");
        var count = value.GetArrayLength();
        if (count == 0 || count > maxCount)
            throw Bad($"'{name}' must hold 1..{maxCount} addresses, not {count}");
        var result = new List<UserAddress>(count);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw Bad($"'{name}[{i}]' must be a string");
            result.Add(ParseAddress($"{name}[{i}]", item.GetString()!));
            i++;
        }
        return result.Distinct().ToList();
    }

    public IReadOnlyList<string> RequiredStrings(string name, int maxCount, int maxLength = 128)
    {
        if (!TryGet(name, out var value) || value.ValueKind != JsonValueKind.Array)
            throw Bad($"'{name}' is required (an array of strings)");
        var count = value.GetArrayLength();
        if (count == 0 || count > maxCount)
            throw Bad($"'{name}' must hold 1..{maxCount} strings, not {count}");
        var result = new List<string>(count);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
                throw Bad($"'{name}[{i}]' must be a non-empty string");
            if (text.Length > maxLength)
                throw Bad($"'{name}[{i}]' is longer than {maxLength} characters");
            result.Add(text);
            i++;
        }
        return result;
    }

    public int OptionalInt(string name, int fallback, int min, int max)
    {
        if (!TryGet(name, out var value))
            return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
            throw Bad($"'{name}' must be an integer in {min}..{max}");
        return number;
    }

    public int? OptionalNullableInt(string name, int min, int max) =>
        TryGet(name, out _) ? OptionalInt(name, 0, min, max) : null;

    public bool OptionalBool(string name, bool fallback)
    {
        if (!TryGet(name, out var value))
            return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad($"'{name}' must be true or false"),
        };
    }

    public bool RequiredBool(string name) =>
        TryGet(name, out _) ? OptionalBool(name, false) : throw Bad($"'{name}' is required (true or false)");

    /// <summary>An enum written in kebab-case (<c>do-not-disturb</c>); null when absent.</summary>
    public T? OptionalEnum<T>(string name) where T : struct, Enum
    {
        if (OptionalString(name, 64) is not { } text)
            return null;
        return ApiNames.TryParse<T>(text, out var value)
            ? value
            : throw Bad($"'{name}' must be one of {string.Join(", ", ApiNames.All<T>())}, not '{text}'");
    }

    public T RequiredEnum<T>(string name) where T : struct, Enum =>
        OptionalEnum<T>(name) ?? throw Bad($"'{name}' is required (one of {string.Join(", ", ApiNames.All<T>())})");

    /// <summary>An ISO 8601 time with offset; null when absent.</summary>
    public DateTimeOffset? OptionalTime(string name)
    {
        if (OptionalString(name, 64) is not { } text)
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw Bad($"'{name}' must be an ISO 8601 time such as 2025-01-02T14:00:00Z, not '{text}'");
    }

    public static ClientRequestException Bad(string message) => new(BadRequest, message);

    private static UserAddress ParseAddress(string name, string text) =>
        UserAddress.TryParse(text, out var address, out var error) ? address : throw Bad($"'{name}': {error}");

    /// <summary>The field's value; absent and JSON null both count as missing.</summary>
    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
