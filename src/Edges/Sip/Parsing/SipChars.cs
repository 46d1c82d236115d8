namespace Cluster.Edges.Sip.Parsing;

/// <summary>
/// Character classes of the RFC 3261 §25.1 grammar as lookup tables, so that the hot path classifies a byte
/// with one array load instead of a chain of comparisons.
/// </summary>
internal static class SipChars
{
    private const byte Token = 1;        // token (RFC 3261 §25.1)
    private const byte Unreserved = 2;   // alphanum / mark
    private const byte UserExtra = 4;    // user-unreserved: & = + $ , ; ? /
    private const byte ParamExtra = 8;   // param-unreserved: [ ] / : & + $
    private const byte HeaderExtra = 16; // hnv-unreserved: [ ] / ? : + $
    private const byte PassExtra = 32;   // password: & = + $ ,
    private const byte Word = 64;        // word (Call-ID): token chars plus ( ) < > : \ " / [ ] ? { }
    private const byte Host = 128;       // hostname chars: alphanum - .

    private static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var t = new byte[256];
        for (var c = 'a'; c <= 'z'; c++) t[c] = Token | Unreserved | Word | Host;
        for (var c = 'A'; c <= 'Z'; c++) t[c] = Token | Unreserved | Word | Host;
        for (var c = '0'; c <= '9'; c++) t[c] = Token | Unreserved | Word | Host;
        foreach (var c in "-.!%*_+`'~") t[c] |= Token | Word;
        foreach (var c in "-_.!~*'()") t[c] |= Unreserved;
        t['-'] |= Host;
        t['.'] |= Host;
        foreach (var c in "&=+$,;?/") t[c] |= UserExtra;
        foreach (var c in "[]/:&+$") t[c] |= ParamExtra;
        foreach (var c in "[]/?:+$") t[c] |= HeaderExtra;
        foreach (var c in "&=+$,") t[c] |= PassExtra;
        foreach (var c in "()<>:\\\"/[]?{}") t[c] |= Word;
        return t;
    }

    public static bool IsToken(byte b) => (Table[b] & Token) != 0;
    public static bool IsWord(byte b) => (Table[b] & Word) != 0;
    public static bool IsUnreserved(byte b) => (Table[b] & Unreserved) != 0;
    public static bool IsUserChar(byte b) => (Table[b] & (Unreserved | UserExtra)) != 0;
    public static bool IsPasswordChar(byte b) => (Table[b] & (Unreserved | PassExtra)) != 0;
    public static bool IsParamChar(byte b) => (Table[b] & (Unreserved | ParamExtra)) != 0;
    public static bool IsHeaderChar(byte b) => (Table[b] & (Unreserved | HeaderExtra)) != 0;
    public static bool IsHostChar(byte b) => (Table[b] & Host) != 0;
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    public static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
    public static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;
    public static bool IsWsp(byte b) => b == (byte)' ' || b == (byte)'\t';

    /// <summary>Whitespace inside a header value: SP, HT and the CR LF of a fold (the framer guarantees a fold).</summary>
    public static bool IsLws(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

    public static int HexValue(byte b) => IsDigit(b) ? b - '0' : (b | 0x20) - 'a' + 10;

    public static bool IsSchemeChar(byte b) => IsAlpha(b) || IsDigit(b) || b == (byte)'+' || b == (byte)'-' || b == (byte)'.';
}
