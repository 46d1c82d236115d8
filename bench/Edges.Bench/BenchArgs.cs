namespace Cluster.Edges.Bench;

/// <summary>Minimal <c>--name value</c> option reading for the bench commands.</summary>
internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return fallback;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value) || value <= 0)
            throw new ArgumentException($"{name} needs a positive integer, e.g. {name} {fallback}");
        return value;
    }

    /// <summary>The value after <paramref name="name"/>, or null when the option is absent.</summary>
    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return null;
        if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
        return args[i + 1];
    }
}
