namespace Cluster.Runtime.Hocon;

/// <summary>
/// Catches misspelt settings. HOCON silently accepts any key, so <c>uc.log.levle = debug</c> would otherwise be ignored
/// and the node would run with the default. Every key a deployment file sets under the checked root must exist in the
/// reference configuration; the exception is an open map: a key whose reference value is an empty object <c>{}</c>
/// (for example <c>uc.log.levels = {}</c>) may hold arbitrary keys.
/// </summary>
public static class ConfigValidator
{
    private const int MaxListedKeys = 15;

    /// <summary>Lists the keys of <paramref name="user"/> under <paramref name="rootPath"/> that <paramref name="reference"/> does not know.</summary>
    public static IReadOnlyList<ConfigKeyProblem> FindUnknownKeys(Config user, Config reference, string rootPath = "uc")
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(reference);
        var root = ConfigPath.Parse(rootPath);
        var problems = new List<ConfigKeyProblem>();
        var userNodes = Descend([user.UnresolvedRoot], root);
        var referenceNodes = Descend([reference.UnresolvedRoot], root);
        if (userNodes.Count > 0)
        {
            var allReferencePaths = new List<IReadOnlyList<string>>();
            CollectPaths(referenceNodes, root, allReferencePaths);
            Walk(userNodes, referenceNodes, root, allReferencePaths, problems);
        }

        return problems;
    }

    /// <summary>Throws one <see cref="ConfigException"/> listing every unknown key, or returns when there is none.</summary>
    public static void CheckKnownKeys(Config user, Config reference, string rootPath = "uc")
    {
        var problems = FindUnknownKeys(user, reference, rootPath);
        if (problems.Count == 1)
        {
            throw ConfigException.At(problems[0].Origin, problems[0].Path, problems[0].Problem);
        }

        if (problems.Count > 1)
        {
            throw new ConfigException($"{problems.Count} unknown configuration keys:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", problems.Select(p => p.Message)));
        }
    }

    /// <summary>The objects a value consists of (several when later assignments still wait to be merged).</summary>
    private static IEnumerable<ConfigObject> ObjectsOf(ConfigValue value) => value switch
    {
        ConfigObject obj => [obj],
        ConfigDelayedMerge merge => ObjectsOf(merge.Lower).Concat(ObjectsOf(merge.Higher)),
        ConfigConcatenation concat => concat.Pieces.SelectMany(ObjectsOf),
        _ => [],
    };

    private static bool IsStructural(ConfigValue value) => value is ConfigObject or ConfigDelayedMerge or ConfigConcatenation or ConfigSubstitution;

    private static List<ConfigObject> Descend(IEnumerable<ConfigObject> nodes, IReadOnlyList<string> path)
    {
        var current = nodes.ToList();
        foreach (var segment in path)
        {
            current = current
                .SelectMany(o => o.TryGetValue(segment, out var child) ? ObjectsOf(child) : [])
                .ToList();
        }

        return current;
    }

    private static void CollectPaths(List<ConfigObject> nodes, IReadOnlyList<string> path, List<IReadOnlyList<string>> into)
    {
        foreach (var key in nodes.SelectMany(n => n.Keys).Distinct())
        {
            var childPath = ConfigPath.Append(path, key);
            into.Add(childPath);
            CollectPaths(Descend(nodes, [key]), childPath, into);
        }
    }

    private static void Walk(List<ConfigObject> userNodes, List<ConfigObject> referenceNodes, IReadOnlyList<string> path,
        List<IReadOnlyList<string>> allReferencePaths, List<ConfigKeyProblem> problems)
    {
        var known = referenceNodes.SelectMany(n => n.Keys).Distinct().ToList();
        foreach (var userNode in userNodes)
        {
            foreach (var (key, value) in userNode)
            {
                var childPath = ConfigPath.Append(path, key);
                if (!known.Contains(key, StringComparer.Ordinal))
                {
                    problems.Add(Unknown(childPath, key, value.Origin, known, allReferencePaths));
                    continue;
                }

                var referenceChildren = Descend(referenceNodes, [key]);
                if (referenceChildren.Count == 0 || referenceChildren.All(c => c.Count == 0))
                {
                    // A leaf setting, or an open map (reference value {}): anything below is accepted.
                    continue;
                }

                if (!IsStructural(value))
                {
                    var rendered = ConfigPath.Render(childPath);
                    problems.Add(new ConfigKeyProblem(rendered, value.Origin, null,
                        $"expected an object (a section with keys such as {string.Join(", ", referenceChildren.SelectMany(c => c.Keys).Distinct().Take(5))}) but found {value.Describe()}"));
                    continue;
                }

                Walk(ObjectsOf(value).ToList(), referenceChildren, childPath, allReferencePaths, problems);
            }
        }
    }

    private static ConfigKeyProblem Unknown(IReadOnlyList<string> path, string key, ConfigOrigin origin, List<string> siblings,
        List<IReadOnlyList<string>> allReferencePaths)
    {
        var rendered = ConfigPath.Render(path);
        var parent = ConfigPath.Render(path.Take(path.Count - 1));
        string? suggestion = null;
        var best = siblings
            .Select(s => (Key: s, Distance: EditDistance.Between(key, s)))
            .OrderBy(s => s.Distance)
            .FirstOrDefault();
        if (best.Key is not null && best.Distance <= Math.Max(2, key.Length / 3))
        {
            suggestion = ConfigPath.Render(ConfigPath.Append(path.Take(path.Count - 1).ToArray(), best.Key));
        }
        else
        {
            var elsewhere = allReferencePaths.FirstOrDefault(p => p[^1] == key);
            if (elsewhere is not null)
            {
                suggestion = ConfigPath.Render(elsewhere);
            }
        }

        var hint = suggestion is not null
            ? $"; did you mean '{suggestion}'?"
            : siblings.Count == 0
                ? $"; '{parent}' has no settings"
                : $"; known keys of '{parent}': {string.Join(", ", siblings.Take(MaxListedKeys))}{(siblings.Count > MaxListedKeys ? ", ..." : string.Empty)}";
        return new ConfigKeyProblem(rendered, origin, suggestion, $"unknown setting (not in reference.conf){hint}");
    }
}
