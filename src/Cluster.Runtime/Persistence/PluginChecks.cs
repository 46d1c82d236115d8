using System.Text.RegularExpressions;

namespace Cluster.Runtime.Persistence;

/// <summary>Shared validation of plugin settings; identifiers end up in SQL text, so they are restricted.</summary>
internal static partial class PluginChecks
{
    public static void Validate(string section, PersistencePluginKind plugin, string connectionString, string sqlitePath,
        string schema, string table, string? tagTable)
    {
        switch (plugin)
        {
            case PersistencePluginKind.PostgreSql when string.IsNullOrWhiteSpace(connectionString):
                throw new ArgumentException($"{section}.connection-string is required when plugin = postgresql");
            case PersistencePluginKind.Sqlite when string.IsNullOrWhiteSpace(sqlitePath):
                throw new ArgumentException($"{section}.sqlite-path is required when plugin = sqlite");
        }
        CheckIdentifier($"{section}.schema", schema);
        CheckIdentifier($"{section}.table", table);
        if (tagTable is not null) CheckIdentifier($"{section}.tag-table", tagTable);
    }

    public static void CheckIdentifier(string key, string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 63 || !IdentifierPattern().IsMatch(value))
            throw new ArgumentException($"{key} = '{value}' is not a valid SQL identifier (letters, digits, '_', not starting with a digit, at most 63)");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
