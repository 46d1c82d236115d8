namespace Cluster.Edges.Sip.Parsing;

/// <summary>Outcome of one parse attempt on a stream or a datagram.</summary>
public enum SipParseStatus : byte
{
    /// <summary>A whole message was parsed; <see cref="SipParseResult.Consumed"/> bytes belong to it.</summary>
    Complete,

    /// <summary>A stream holds only part of a message; nothing was consumed, call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>The bytes are not a valid SIP message; see <see cref="SipParseResult.Error"/>.</summary>
    Invalid,

    /// <summary>A CRLF CRLF keep-alive ping (RFC 5626 §3.5.1); the transport answers with one CRLF.</summary>
    KeepAlivePing,

    /// <summary>A single CRLF keep-alive pong (RFC 5626 §3.5.1).</summary>
    KeepAlivePong,
}
