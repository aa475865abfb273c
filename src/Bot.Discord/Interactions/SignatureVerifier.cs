using System.Globalization;
using NSec.Cryptography;

namespace Bot.Discord.Interactions;

/// <summary>
/// Checks an HTTP interaction before anything parses it: Ed25519 over X-Signature-Timestamp plus the
/// raw body with the application's public key, and a timestamp no older than five minutes (replays).
/// Discord probes endpoints with bad signatures and drops one that accepts them.
/// </summary>
internal sealed class SignatureVerifier
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private readonly PublicKey? _key;
    private readonly TimeProvider _time;

    public SignatureVerifier(string? publicKeyHex, TimeProvider time)
    {
        _time = time;
        if (!string.IsNullOrWhiteSpace(publicKeyHex))
        {
            _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex.Trim()), KeyBlobFormat.RawPublicKey);
        }
    }

    /// <summary>Null when the request is authentic; else why not (for the log, never for the caller).</summary>
    public string? Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (_key is null)
        {
            return "Discord:PublicKey is not set";
        }

        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return "signature headers missing";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > MaxAge)
        {
            return "timestamp too old or malformed";
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return "signature is not hex";
        }

        var signed = new byte[timestamp.Length + body.Length];
        System.Text.Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(timestamp.Length));
        return signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_key, signed, signature) ? null : "signature does not verify";
    }
}
