using Cluster.Actors.Users;

namespace Cluster.Edges.Sip.Core;

/// <summary>The one mapping from user-domain refusals to SIP status codes, so every handler answers alike.</summary>
public static class SipUserErrors
{
    /// <summary>Status code and reason phrase for a refusal (see <see cref="UserErrorCode"/> for the intent of each).</summary>
    public static (int Status, string Reason) ToStatus(CommandRejected rejected) => rejected.Code switch
    {
        UserErrorCode.NotFound => (404, "Not Found"),
        UserErrorCode.Disabled => (403, "Forbidden"),
        UserErrorCode.InvalidArgument => (400, "Bad Request"),
        // RFC 3261 §10.3 step 7: an out-of-order REGISTER gets 500 Server Internal Error.
        UserErrorCode.OutOfOrder => (500, "Server Internal Error"),
        UserErrorCode.InvalidWildcard => (400, "Bad Request"),
        UserErrorCode.LimitExceeded => (403, "Forbidden"),
        UserErrorCode.MailboxFull => (480, "Temporarily Unavailable"),
        UserErrorCode.TooLarge => (413, "Request Entity Too Large"),
        UserErrorCode.Blocked => (403, "Forbidden"),
        UserErrorCode.NoSuchItem => (481, "Call/Transaction Does Not Exist"),
        UserErrorCode.NoCredentials => (403, "Forbidden"),
        UserErrorCode.WeakPassword => (400, "Bad Request"),
        UserErrorCode.AlreadyExists => (400, "Bad Request"),
        _ => (500, "Server Internal Error"),
    };

    /// <summary>Reason phrase with the domain's reason appended for codes where it helps the client (4xx other than 403/404).</summary>
    public static string Phrase(CommandRejected rejected)
    {
        var (status, reason) = ToStatus(rejected);
        return status is 400 or 413 or 481 ? $"{reason} ({Sanitize(rejected.Reason)})" : reason;
    }

    /// <summary>Keeps text usable in a reason phrase: no CR/LF, bounded length.</summary>
    public static string Sanitize(string text)
    {
        var clean = text.Replace('\r', ' ').Replace('\n', ' ');
        return clean.Length <= 120 ? clean : clean[..120];
    }
}
