namespace Cluster.Runtime.Hocon;

/// <summary>
/// The one merge rule of HOCON, used both for duplicate keys inside a file and for <see cref="Config.WithFallback"/>:
/// two objects merge key by key, anything else written later replaces what was there, and a later value that is still
/// unresolved is kept together with the earlier one until resolution decides (Lightbend HOCON spec, "Duplicate keys
/// and object merging" and "Self-referential substitutions").
/// </summary>
internal static class ConfigMerger
{
    public static ConfigValue Merge(ConfigValue higher, ConfigValue lower, IReadOnlyList<string> path)
    {
        if (higher is ConfigObject higherObject)
        {
            return lower switch
            {
                ConfigObject lowerObject => MergeObjects(higherObject, lowerObject, path),
                ConfigSubstitution or ConfigConcatenation or ConfigDelayedMerge => new ConfigDelayedMerge(higher, lower),
                _ => higher,
            };
        }

        if (higher is ConfigSubstitution or ConfigConcatenation or ConfigDelayedMerge)
        {
            return new ConfigDelayedMerge(BindSelfReferences(higher, lower, path), lower);
        }

        return higher;
    }

    public static ConfigObject MergeObjects(ConfigObject higher, ConfigObject lower, IReadOnlyList<string> path)
    {
        var merged = new List<KeyValuePair<string, ConfigValue>>(lower.Count + higher.Count);
        foreach (var (key, lowerValue) in lower)
        {
            merged.Add(new(key, higher.TryGetValue(key, out var higherValue)
                ? Merge(higherValue, lowerValue, ConfigPath.Append(path, key))
                : lowerValue));
        }

        foreach (var (key, higherValue) in higher)
        {
            if (!lower.ContainsKey(key))
            {
                merged.Add(new(key, higherValue));
            }
        }

        return new ConfigObject(higher.Origin, merged);
    }

    /// <summary>
    /// Points the self-references of <paramref name="value"/> (assigned at <paramref name="path"/>) that have no earlier
    /// value yet at <paramref name="prior"/>.
    /// </summary>
    public static ConfigValue BindSelfReferences(ConfigValue value, ConfigValue prior, IReadOnlyList<string> path)
    {
        switch (value)
        {
            case ConfigSubstitution { IsSelfReference: true, Prior: null } sub when sub.FieldPath.SequenceEqual(path):
                return sub.WithPrior(prior);
            case ConfigConcatenation concat:
                var changed = false;
                var pieces = new ConfigValue[concat.Pieces.Count];
                for (var i = 0; i < pieces.Length; i++)
                {
                    pieces[i] = BindSelfReferences(concat.Pieces[i], prior, path);
                    changed |= !ReferenceEquals(pieces[i], concat.Pieces[i]);
                }

                return changed ? new ConfigConcatenation(concat.Origin, pieces, concat.FieldPath) : concat;
            case ConfigDelayedMerge delayed:
                var higher = BindSelfReferences(delayed.Higher, prior, path);
                var lower = BindSelfReferences(delayed.Lower, prior, path);
                return ReferenceEquals(higher, delayed.Higher) && ReferenceEquals(lower, delayed.Lower)
                    ? delayed
                    : new ConfigDelayedMerge(higher, lower);
            default:
                return value;
        }
    }
}
