namespace Cluster.Runtime.Hocon;

/// <summary>
/// Joins the pieces of a value concatenation once none of them is a substitution (Lightbend spec, "Value
/// concatenation"): strings (and numbers, booleans written next to text) join into one string keeping the whitespace
/// between them, lists append, objects merge with later pieces winning. Mixing kinds is an error.
/// </summary>
internal static class ConfigConcatenator
{
    public static ConfigValue Join(IReadOnlyList<ConfigValue> pieces, IReadOnlyList<string> fieldPath, ConfigOrigin origin)
    {
        var solid = pieces.Where(p => p is not ConfigScalar { IsWhitespace: true }).ToList();
        if (solid.Count == 1 && solid[0] is ConfigObject or ConfigList)
        {
            return solid[0];
        }

        if (solid.Any(p => p is ConfigObject))
        {
            var merged = RequireAll<ConfigObject>(solid, "an object", fieldPath);
            var result = merged[0];
            for (var i = 1; i < merged.Count; i++)
            {
                result = ConfigMerger.MergeObjects(merged[i], result, fieldPath);
            }

            return result;
        }

        if (solid.Any(p => p is ConfigList))
        {
            var lists = RequireAll<ConfigList>(solid, "a list", fieldPath);
            return new ConfigList(lists[0].Origin, lists.SelectMany(l => l));
        }

        var text = string.Concat(pieces.Select(p => p is ConfigScalar scalar
            ? scalar.Text
            : throw ConfigException.At(p.Origin, fieldPath, $"cannot concatenate {p.Describe()} into a string")));
        return ConfigScalar.String(text, origin);
    }

    private static List<T> RequireAll<T>(List<ConfigValue> pieces, string kind, IReadOnlyList<string> fieldPath)
        where T : ConfigValue
    {
        var bad = pieces.FirstOrDefault(p => p is not T);
        if (bad is not null)
        {
            throw ConfigException.At(bad.Origin, fieldPath,
                $"cannot concatenate {kind} with {bad.Describe()} (all pieces of a value concatenation must be of one kind; quote text or separate values)");
        }

        return pieces.Cast<T>().ToList();
    }
}
