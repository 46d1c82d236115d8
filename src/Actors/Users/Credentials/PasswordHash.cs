using System.Security.Cryptography;
using System.Text;

namespace Cluster.Actors.Users;

/// <summary>
/// The web password as a salted PBKDF2-HMAC-SHA256 hash with the salt and iteration count it was made with, so the
/// iteration count can be raised later without invalidating stored hashes (<see cref="NeedsRehash"/>).
/// </summary>
/// <param name="Algorithm">Always <see cref="Pbkdf2Sha256"/> for now; stored so another can be added.</param>
/// <param name="Iterations">PBKDF2 iteration count used.</param>
/// <param name="Salt">Base64 salt.</param>
/// <param name="Hash">Base64 derived key.</param>
public sealed record PasswordHash(string Algorithm, int Iterations, string Salt, string Hash)
{
    public const string Pbkdf2Sha256 = "pbkdf2-sha256";

    private const int HashSize = 32;

    /// <summary>Hashes <paramref name="password"/> with a fresh random salt.</summary>
    public static PasswordHash Create(string password, int iterations, int saltSize)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(saltSize, 8);
        var salt = RandomNumberGenerator.GetBytes(saltSize);
        var hash = Derive(password, salt, iterations);
        return new PasswordHash(Pbkdf2Sha256, iterations, Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Checks a password in time independent of where it differs (<see cref="CryptographicOperations.FixedTimeEquals"/>).</summary>
    public bool Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (Algorithm != Pbkdf2Sha256 || Iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(Salt);
            expected = Convert.FromBase64String(Hash);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Derive(password, salt, Iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>True when the hash was made with fewer iterations than now configured; re-hash on the next good login.</summary>
    public bool NeedsRehash(int configuredIterations) => Algorithm != Pbkdf2Sha256 || Iterations < configuredIterations;

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashSize);
}
