namespace Cluster.Actors.Calls;

/// <summary>The Session-Expires header (RFC 4028 §4): delta seconds and the optional refresher parameter.</summary>
/// <param name="DeltaSeconds">Session interval in seconds.</param>
/// <param name="Refresher">"uac" or "uas" relative to the transaction carrying it; null when absent.</param>
public sealed record SessionExpires(int DeltaSeconds, string? Refresher = null)
{
    public const string Uac = "uac";
    public const string Uas = "uas";

    public override string ToString() => Refresher is null ? DeltaSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{DeltaSeconds};refresher={Refresher}";
}
