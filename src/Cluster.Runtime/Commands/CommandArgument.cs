namespace Cluster.Runtime.Commands;

/// <summary>
/// A positional argument of a command (<c>sharding where &lt;entity-id&gt;</c>). Only the last argument of a command
/// may be repeatable, and no required argument may follow an optional one, so positions are never ambiguous.
/// </summary>
public sealed record CommandArgument
{
    public CommandArgument(string name, string description, bool isRequired = true, bool isRepeatable = false)
    {
        CommandNames.Validate(name, "argument name");
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Name = name;
        Description = description;
        IsRequired = isRequired;
        IsRepeatable = isRepeatable;
    }

    public string Name { get; }

    public string Description { get; }

    public bool IsRequired { get; }

    /// <summary>Takes every remaining positional token.</summary>
    public bool IsRepeatable { get; }

    /// <summary>Usage form: <c>&lt;id&gt;</c>, <c>[&lt;id&gt;]</c>, <c>&lt;id&gt;...</c>.</summary>
    public string Usage
    {
        get
        {
            var core = IsRepeatable ? $"<{Name}>..." : $"<{Name}>";
            return IsRequired ? core : $"[{core}]";
        }
    }
}
