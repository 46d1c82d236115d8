using System.Globalization;
using System.Text;

namespace Cluster.Runtime.Kernel;

/// <summary>
/// The hierarchical name of an actor (<c>uc://sys/user/a/b</c>), like Akka's ActorPath: an address plus the chain of
/// names from the root guardian. Paths compare by address and names only; the <see cref="Uid"/> tells apart two
/// incarnations that reused a name and is compared by actor references, not by paths.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The uid of a path that does not name one particular incarnation.</summary>
    public const int UndefinedUid = 0;

    private readonly Address? address;   // set on the root only
    private readonly ActorPath? parent;
    private string? serializationFormat;   // cached: remoting writes it for every message a reference sends

    private ActorPath(Address address)
    {
        this.address = address;
        Name = "/";
        Depth = 0;
    }

    private ActorPath(ActorPath parent, string name, int uid)
    {
        this.parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent.Depth + 1;
    }

    /// <summary>The root path of <paramref name="address"/> (<c>uc://sys/</c>).</summary>
    public static ActorPath RootOf(Address address) => new(address ?? throw new ArgumentNullException(nameof(address)));

    public Address Address => address ?? Root.address!;
    public ActorPath? Parent => parent;
    public string Name { get; }
    public int Uid { get; }
    public int Depth { get; }
    public bool IsRoot => parent is null;

    public ActorPath Root
    {
        get
        {
            var p = this;
            while (p.parent is not null) p = p.parent;
            return p;
        }
    }

    /// <summary>The names below the root, outermost first (<c>["user", "a", "b"]</c>).</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var result = new string[Depth];
            var p = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                result[i] = p.Name;
                p = p.parent!;
            }
            return result;
        }
    }

    /// <summary>A child path without a uid.</summary>
    public ActorPath Child(string name) => new(this, ValidateElement(name), UndefinedUid);

    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    /// <summary>A child path naming one incarnation.</summary>
    internal ActorPath Child(string name, int uid) => new(this, name, uid);

    /// <summary>This path with another uid (the root keeps none).</summary>
    public ActorPath WithUid(int uid) =>
        uid == Uid || parent is null ? this : new ActorPath(parent, Name, uid);

    /// <summary>This path re-rooted at another address (e.g. the node's public address for serialization).</summary>
    public ActorPath WithAddress(Address newAddress)
    {
        if (Address.Equals(newAddress)) return this;
        if (parent is null) return new ActorPath(newAddress);
        return new ActorPath(parent.WithAddress(newAddress), Name, Uid);
    }

    /// <summary><c>uc://sys/user/a</c> without uid.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Address.ToString());
        AppendElements(sb);
        return sb.ToString();
    }

    /// <summary>The path below the address: <c>/user/a</c>.</summary>
    public string ToStringWithoutAddress()
    {
        var sb = new StringBuilder(32);
        AppendElements(sb);
        return sb.ToString();
    }

    /// <summary><c>uc://sys/user/a#1234</c>: what a serialized actor reference carries.</summary>
    public string ToSerializationFormat()
    {
        if (serializationFormat is { } cached) return cached;
        var s = ToString();
        return serializationFormat = Uid == UndefinedUid ? s : s + "#" + Uid.ToString(CultureInfo.InvariantCulture);
    }

    private void AppendElements(StringBuilder sb)
    {
        if (parent is null)
        {
            sb.Append('/');
            return;
        }
        var names = new string[Depth];
        var p = this;
        for (var i = Depth - 1; i >= 0; i--)
        {
            names[i] = p.Name;
            p = p.parent!;
        }
        foreach (var n in names) sb.Append('/').Append(n);
    }

    /// <summary>Parses <c>uc://sys[@host:port]/a/b[#uid]</c>.</summary>
    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path))
            throw new FormatException($"'{text}' is not an actor path (expected uc://system[@host:port]/name/...[#uid]).");
        return path;
    }

    public static bool TryParse(string? text, out ActorPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text)) return false;
        var uid = UndefinedUid;
        var hash = text.IndexOf('#');
        if (hash >= 0)
        {
            if (!int.TryParse(text.AsSpan(hash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out uid)) return false;
            text = text[..hash];
        }
        if (!Address.TryParsePrefix(text, out var address, out var rest)) return false;
        var current = new ActorPath(address);
        foreach (var element in rest.Split('/', StringSplitOptions.RemoveEmptyEntries))
            current = new ActorPath(current, Uri.UnescapeDataString(element), UndefinedUid);
        path = uid == UndefinedUid ? current : current.WithUid(uid);
        return true;
    }

    private static string ValidateElement(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("An actor path element must not be empty.", nameof(name));
        if (name.Contains('/') || name.Contains('#'))
            throw new ArgumentException($"Actor path element '{name}' must not contain '/' or '#'.", nameof(name));
        return name;
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Depth != Depth) return false;
        var a = this;
        var b = other;
        while (a.parent is not null)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            a = a.parent;
            b = b.parent!;
        }
        return a.address!.Equals(b.address);
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        var p = this;
        while (p.parent is not null)
        {
            hash.Add(p.Name, StringComparer.Ordinal);
            p = p.parent;
        }
        hash.Add(p.address);
        return hash.ToHashCode();
    }

    public int CompareTo(ActorPath? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public static bool operator ==(ActorPath? a, ActorPath? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(ActorPath? a, ActorPath? b) => !(a == b);
}
