using System.Globalization;
using NSec.Cryptography;

namespace Bot.Discord.Interactions;

/// <summary>
/// Checks an HTTP interaction before anything parses it: Ed25519 over X-Signature-Timestamp plus the
/// raw body with the application's public key, and a timestamp within five minutes of now (replays).
/// Anything malformed is a refusal with a reason, never an exception.
/// Discord probes endpoints with bad signatures and drops one that accepts them.
/// </summary>
internal sealed class SignatureVerifier
{
    /// <summary>An Ed25519 signature is 64 bytes: 128 hex digits.</summary>
    private const int SignatureHexLength = 128;

    /// <summary>Unix seconds have 10 digits until the year 2286; more is never a real timestamp.</summary>
    private const int MaxTimestampDigits = 12;

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

        if (!IsFresh(timestamp))
        {
            return "timestamp too old, too far ahead or malformed";
        }

        if (signatureHex.Length != SignatureHexLength || !IsHex(signatureHex))
        {
            return "signature is not 128 hex digits";
        }

        var signature = Convert.FromHexString(signatureHex);
        var signed = new byte[timestamp.Length + body.Length];
        System.Text.Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(timestamp.Length));
        return SignatureAlgorithm.Ed25519.Verify(_key, signed, signature) ? null : "signature does not verify";
    }

    /// <summary>
    /// Whether the timestamp is decimal seconds within <see cref="MaxAge"/> of now, either way. The
    /// range is checked on the numbers before any date arithmetic: a huge value would overflow it (a
    /// 500 for an unauthenticated caller), and one far ahead would make a signed body replayable for ever.
    /// </summary>
    private bool IsFresh(string timestamp)
    {
        if (timestamp.Length > MaxTimestampDigits || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - seconds) <= (long)MaxAge.TotalSeconds;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
