using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Cluster.Runtime.Commands.Protocol;

/// <summary>
/// One frame of the shell protocol: a JSON object on one line, its kind in the <c>type</c> property. The full
/// exchange is documented in docs/operations/shell.md.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HelloFrame), "hello")]
[JsonDerivedType(typeof(WelcomeFrame), "welcome")]
[JsonDerivedType(typeof(RejectedFrame), "rejected")]
[JsonDerivedType(typeof(RequestFrame), "request")]
[JsonDerivedType(typeof(CancelFrame), "cancel")]
[JsonDerivedType(typeof(TableFrame), "table")]
[JsonDerivedType(typeof(SectionFrame), "section")]
[JsonDerivedType(typeof(LineFrame), "line")]
[JsonDerivedType(typeof(JsonFrame), "json")]
[JsonDerivedType(typeof(ErrorFrame), "error")]
[JsonDerivedType(typeof(EndFrame), "end")]
public abstract record ShellFrame;

/// <summary>Client → node, first frame: protocol version, client name, and the operator token if it has one.</summary>
public sealed record HelloFrame(int Protocol, string Client, string? Token) : ShellFrame;

/// <summary>Node → client after a valid hello: who the node is and what it can do.</summary>
public sealed record WelcomeFrame(int Protocol, string Node, string Address, string Version, CommandCatalogue Catalogue) : ShellFrame;

/// <summary>Node → client instead of welcome; the node closes the connection after sending it.</summary>
public sealed record RejectedFrame(string Reason) : ShellFrame;

/// <summary>Client → node: run a command given as words (<see cref="Argv"/>) or as one typed line (<see cref="Line"/>).</summary>
public sealed record RequestFrame(long Id, IReadOnlyList<string>? Argv, string? Line, bool Json) : ShellFrame;

/// <summary>Client → node: stop the running command <see cref="Id"/> (Ctrl-C); the node still ends it with an end frame.</summary>
public sealed record CancelFrame(long Id) : ShellFrame;

/// <summary>Node → client: a table; each row has one cell per column (string, number, boolean or null).</summary>
public sealed record TableFrame(long Id, string? Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<JsonNode?>> Rows) : ShellFrame;

/// <summary>Node → client: a titled block of key/value pairs.</summary>
public sealed record SectionFrame(long Id, string? Title, IReadOnlyList<SectionEntry> Entries) : ShellFrame;

/// <summary>One pair of a <see cref="SectionFrame"/>.</summary>
public sealed record SectionEntry(string Key, JsonNode? Value);

/// <summary>Node → client: one line of text.</summary>
public sealed record LineFrame(long Id, string Text) : ShellFrame;

/// <summary>Node → client: one JSON value (the only output kind sent when the request asked for JSON).</summary>
public sealed record JsonFrame(long Id, JsonNode? Value) : ShellFrame;

/// <summary>Node → client: why the command failed; followed by an end frame with a non-zero exit code.</summary>
public sealed record ErrorFrame(long Id, string Message) : ShellFrame;

/// <summary>Node → client: the command finished; <see cref="Exit"/> is the status the shell exits with.</summary>
public sealed record EndFrame(long Id, int Exit) : ShellFrame;
