namespace Cluster.Runtime.Hocon;

/// <summary>A key in a deployment file that the reference configuration does not define (typically a typo).</summary>
/// <param name="Path">Full path of the unknown key.</param>
/// <param name="Origin">File and line where it was written.</param>
/// <param name="Suggestion">The closest known key, when one is close enough to be a likely intent.</param>
/// <param name="Problem">What is wrong, without origin and key (see <see cref="Message"/> for the full text).</param>
public sealed record ConfigKeyProblem(string Path, ConfigOrigin Origin, string? Suggestion, string Problem)
{
    /// <summary>The operator-readable message: <c>file:line: key 'path': problem</c>.</summary>
    public string Message => $"{Origin}: key '{Path}': {Problem}";

    public override string ToString() => Message;
}
