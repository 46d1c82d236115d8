namespace Cluster.Runtime.Hocon;

/// <summary>
/// Where a value was written: a file (or string/resource description) and a 1-based line. Kept on every value so that
/// a wrong setting found long after parsing can still be reported as <c>node.conf:12</c>.
/// </summary>
/// <param name="Description">File path, embedded resource name, <c>&lt;string&gt;</c> or <c>env var NAME</c>.</param>
/// <param name="Line">1-based line number, or 0 when the origin has no lines (environment variables, code).</param>
public sealed record ConfigOrigin(string Description, int Line)
{
    /// <summary>Origin of values that were not parsed from text (for example <see cref="ConfigFactory.Empty"/>).</summary>
    public static ConfigOrigin None { get; } = new("<empty>", 0);

    internal static ConfigOrigin Environment(string variable) => new($"env var {variable}", 0);

    internal ConfigOrigin AtLine(int line) => line == Line ? this : this with { Line = line };

    public override string ToString() => Line > 0 ? $"{Description}:{Line}" : Description;
}
