namespace Cluster.Runtime.Hocon;

/// <summary>
/// Replaces substitutions by the values they name (Lightbend spec, "Substitutions"). Lookups are made against the
/// whole merged tree, so a file can refer to reference.conf defaults; a path not present in the tree falls back to the
/// environment variable of the same name, and an optional substitution with neither makes its field disappear.
/// Every node is resolved at most once (memoised by identity) and a node met again while being resolved is a cycle.
/// </summary>
internal sealed class ConfigResolver
{
    private readonly ConfigObject root;
    private readonly Func<string, string?> environment;
    private readonly Dictionary<ConfigValue, ConfigValue?> memo = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ConfigValue> inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<ConfigSubstitution> chain = new();

    private ConfigResolver(ConfigObject root, Func<string, string?> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    public static ConfigObject Resolve(ConfigObject root, Func<string, string?>? environment = null)
    {
        if (root.IsResolved)
        {
            return root;
        }

        var resolver = new ConfigResolver(root, environment ?? Environment.GetEnvironmentVariable);
        return (ConfigObject)resolver.ResolveValue(root, [])!;
    }

    /// <summary>Resolves a value; null means "undefined" (an optional substitution that found nothing).</summary>
    private ConfigValue? ResolveValue(ConfigValue value, IReadOnlyList<string> path)
    {
        if (value.IsResolved)
        {
            return value;
        }

        if (memo.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!inProgress.Add(value))
        {
            throw CycleError(value, path);
        }

        try
        {
            var result = value switch
            {
                ConfigObject obj => ResolveObject(obj, path),
                ConfigList list => ResolveList(list, path),
                ConfigSubstitution sub => ResolveSubstitution(sub),
                ConfigConcatenation concat => ResolveConcatenation(concat),
                ConfigDelayedMerge merge => ResolveDelayedMerge(merge, path),
                _ => throw new InvalidOperationException($"unexpected configuration node {value.GetType().Name}"),
            };
            memo[value] = result;
            return result;
        }
        finally
        {
            inProgress.Remove(value);
        }
    }

    private ConfigException CycleError(ConfigValue value, IReadOnlyList<string> path)
    {
        var names = chain.Select(s => s.ToString()).ToList();
        var first = chain.Count > 0 ? chain[0] : null;
        var description = names.Count > 0 ? string.Join(" -> ", names) : value.Describe();
        return ConfigException.At(first?.Origin ?? value.Origin, first?.FieldPath ?? path,
            $"substitution cycle: {description} refers back to a value that is still being resolved");
    }

    private ConfigObject ResolveObject(ConfigObject obj, IReadOnlyList<string> path)
    {
        var fields = new List<KeyValuePair<string, ConfigValue>>(obj.Count);
        foreach (var (key, child) in obj)
        {
            var resolved = ResolveValue(child, ConfigPath.Append(path, key));
            if (resolved is not null)
            {
                fields.Add(new(key, resolved));
            }
        }

        return new ConfigObject(obj.Origin, fields);
    }

    private ConfigList ResolveList(ConfigList list, IReadOnlyList<string> path)
    {
        var items = new List<ConfigValue>(list.Count);
        foreach (var item in list)
        {
            var resolved = ResolveValue(item, path);
            if (resolved is not null)
            {
                items.Add(resolved);
            }
        }

        return new ConfigList(list.Origin, items);
    }

    private ConfigValue? ResolveSubstitution(ConfigSubstitution sub)
    {
        chain.Add(sub);
        try
        {
            var found = sub.IsSelfReference ? LookupInPrior(sub) : Lookup(sub.Path);
            if (found is not null)
            {
                return found;
            }
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
        }

        var variable = string.Join('.', sub.Path);
        var fromEnvironment = environment(variable);
        if (fromEnvironment is not null)
        {
            return ConfigScalar.String(fromEnvironment, ConfigOrigin.Environment(variable));
        }

        if (sub.Optional)
        {
            return null;
        }

        var what = sub.IsSelfReference ? "no earlier value of the same key" : $"no key '{ConfigPath.Render(sub.Path)}' in the configuration";
        throw ConfigException.At(sub.Origin, sub.FieldPath,
            $"could not resolve substitution {sub}: {what} and no environment variable '{variable}' (use ${{?...}} if it may be absent)");
    }

    /// <summary>A self-reference looks inside the field's earlier value: <c>${foo.a}</c> in <c>foo = ...</c> is <c>a</c> of the old foo.</summary>
    private ConfigValue? LookupInPrior(ConfigSubstitution sub)
    {
        var current = sub.Prior is null ? null : ResolveValue(sub.Prior, sub.FieldPath);
        for (var i = sub.FieldPath.Count; i < sub.Path.Count && current is not null; i++)
        {
            current = current is ConfigObject obj && obj.TryGetValue(sub.Path[i], out var child) ? child : null;
        }

        return current;
    }

    private ConfigValue? Lookup(IReadOnlyList<string> path)
    {
        ConfigValue current = root;
        for (var i = 0; i < path.Count; i++)
        {
            if (current is not ConfigObject)
            {
                current = ResolveValue(current, path.Take(i).ToArray())!;
            }

            if (current is not ConfigObject obj || !obj.TryGetValue(path[i], out var child))
            {
                return null;
            }

            current = child;
        }

        return ResolveValue(current, path);
    }

    private ConfigValue? ResolveConcatenation(ConfigConcatenation concat)
    {
        var pieces = new List<ConfigValue>(concat.Pieces.Count);
        foreach (var piece in concat.Pieces)
        {
            var resolved = ResolveValue(piece, concat.FieldPath);
            if (resolved is not null)
            {
                pieces.Add(resolved);
            }
        }

        // Whitespace next to an undefined optional substitution at either end is not part of the value.
        while (pieces.Count > 0 && pieces[0] is ConfigScalar { IsWhitespace: true })
        {
            pieces.RemoveAt(0);
        }

        while (pieces.Count > 0 && pieces[^1] is ConfigScalar { IsWhitespace: true })
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        return pieces.Count switch
        {
            0 => null,
            1 => pieces[0],
            _ => ConfigConcatenator.Join(pieces, concat.FieldPath, concat.Origin),
        };
    }

    private ConfigValue? ResolveDelayedMerge(ConfigDelayedMerge merge, IReadOnlyList<string> path)
    {
        if (merge.Higher is ConfigObject higherObject)
        {
            // Merge first, so that self-references inside the object see the earlier object's fields.
            var lowerValue = ResolveValue(merge.Lower, path);
            return lowerValue is ConfigObject lowerObject
                ? ResolveValue(ConfigMerger.MergeObjects(higherObject, lowerObject, path), path)
                : ResolveValue(higherObject, path);
        }

        var higher = ResolveValue(merge.Higher, path);
        if (higher is null)
        {
            return ResolveValue(merge.Lower, path);
        }

        if (higher is ConfigObject resolvedHigher && ResolveValue(merge.Lower, path) is ConfigObject resolvedLower)
        {
            return ConfigMerger.MergeObjects(resolvedHigher, resolvedLower, path);
        }

        return higher;
    }
}
