namespace Cluster.Runtime.Hocon;

/// <summary>
/// <c>${a.b}</c> or <c>${?a.b}</c> before resolution. A self-referential substitution (one naming the field it is the
/// value of or something inside it, as in <c>path = ${path} ":/x"</c>, <c>foo = ${foo.a}</c> or the expansion of
/// <c>+=</c>) refers to the value the field had before this assignment; that earlier value is captured in <see cref="Prior"/> when the assignment is merged over it.
/// </summary>
internal sealed class ConfigSubstitution : ConfigValue
{
    public ConfigSubstitution(ConfigOrigin origin, IReadOnlyList<string> path, bool optional, IReadOnlyList<string> fieldPath, bool isSelfReference, ConfigValue? prior = null)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        FieldPath = fieldPath;
        IsSelfReference = isSelfReference;
        Prior = prior;
    }

    public IReadOnlyList<string> Path { get; }

    public bool Optional { get; }

    /// <summary>Full path of the field this substitution is (part of) the value of; used in error messages.</summary>
    public IReadOnlyList<string> FieldPath { get; }

    public bool IsSelfReference { get; }

    /// <summary>For a self-reference: the value the field had before; null when nothing was there (yet).</summary>
    public ConfigValue? Prior { get; }

    public override ConfigValueType ValueType => ConfigValueType.Unresolved;

    public override bool IsResolved => false;

    public ConfigSubstitution WithPrior(ConfigValue prior) => new(Origin, Path, Optional, FieldPath, IsSelfReference, prior);

    public override string Describe() => $"the substitution {this}";

    public override string ToString() => (Optional ? "${?" : "${") + ConfigPath.Render(Path) + "}";
}
