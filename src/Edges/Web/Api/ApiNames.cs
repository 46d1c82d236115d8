using System.Text.Json;

namespace Cluster.Edges.Web.Api;

/// <summary>
/// Enum values on the wire are kebab-case (<c>do-not-disturb</c>, <c>no-answer</c>), the same spelling the domain's
/// JSON uses, so a value a client reads from a push can be sent back unchanged.
/// </summary>
internal static class ApiNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IEnumerable<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of);

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
