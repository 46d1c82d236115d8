namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// One <c>name[=value]</c> parameter of a URI or a header value. <see cref="Value"/> is null for a flag parameter
/// such as <c>lr</c> or a bare <c>rport</c>; quoted values keep their quotes so that a proxy can forward them as
/// received (use <see cref="SipText.Unquote"/> to read one).
/// </summary>
public readonly record struct SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
