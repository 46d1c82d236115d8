using System.Text;
using System.Text.Json;

namespace Cluster.Runtime.Commands.Protocol;

/// <summary>
/// Constants and the JSON encoding of the shell protocol: newline-delimited JSON (one UTF-8 frame per line), chosen
/// over a binary length prefix so an operator can debug a node with <c>nc</c> and any language can script it.
/// </summary>
public static class ShellProtocol
{
    /// <summary>Protocol version sent in hello and welcome; a node rejects a client speaking another version.</summary>
    public const int Version = 1;

    /// <summary>Default largest frame accepted, in bytes (a frame is one line).</summary>
    public const int DefaultMaxFrameBytes = 1024 * 1024;

    /// <summary>Exit code: the command succeeded.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: the command ran and failed.</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code: the command line was wrong (unknown command or option, missing argument, bad value).</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code: the shell could not reach the node, or lost the connection.</summary>
    public const int ExitCannotConnect = 3;

    /// <summary>Exit code: the node refused the connection (token missing or wrong, too many clients).</summary>
    public const int ExitRejected = 4;

    /// <summary>Exit code: the operator interrupted the command (Ctrl-C), as a shell reports SIGINT.</summary>
    public const int ExitInterrupted = 130;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = false,
    };

    /// <summary>Encodes a frame as one line, newline included.</summary>
    public static byte[] Encode(ShellFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var json = JsonSerializer.SerializeToUtf8Bytes(frame, JsonOptions);
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Decodes one line (without its newline); bad JSON or an unknown type is a protocol error.</summary>
    public static ShellFrame Decode(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<ShellFrame>(line, JsonOptions)
                ?? throw new ShellProtocolException("frame is JSON null");
        }
        catch (JsonException e)
        {
            var preview = Encoding.UTF8.GetString(line.Length > 120 ? line[..120] : line);
            throw new ShellProtocolException($"malformed frame ({e.Message}): {preview}");
        }
        catch (NotSupportedException e)
        {
            throw new ShellProtocolException($"unsupported frame: {e.Message}");
        }
    }
}
