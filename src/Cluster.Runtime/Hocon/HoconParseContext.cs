namespace Cluster.Runtime.Hocon;

/// <summary>
/// What the parser needs to know about the text it parses: how to name it in errors and where includes are looked up.
/// The include chain is carried along so that a file including itself (directly or not) is reported, not recursed.
/// </summary>
/// <param name="Description">Name used in origins and errors (file path as given, resource name, <c>&lt;string&gt;</c>).</param>
/// <param name="IncludeDirectory">Directory relative includes are resolved against; null when includes are not allowed.</param>
/// <param name="IncludeChain">Full paths of the files being parsed, outermost first.</param>
internal sealed record HoconParseContext(string Description, string? IncludeDirectory, IReadOnlyList<string> IncludeChain)
{
    public static HoconParseContext ForFile(string path, IReadOnlyList<string> chain)
    {
        var full = System.IO.Path.GetFullPath(path);
        return new HoconParseContext(path, System.IO.Path.GetDirectoryName(full), [.. chain, full]);
    }
}
