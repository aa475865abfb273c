namespace Bot.Core.Text;

/// <summary>
/// A URL as it may be shown: credentials in the user-info part and the values of query (or fragment)
/// parameters that carry secrets replaced by <see cref="Hidden"/>. The bot keeps and fetches the URL
/// in full; only what people and logs see is masked.
/// </summary>
public static class UrlRedaction
{
    /// <summary>What stands in for a secret.</summary>
    public const string Hidden = "***";

    // Parameter names compared without case, '-' and '_': api_key, X-Api-Key and apikey are one name.
    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "key", "token", "auth", "pass", "passwd", "password", "secret", "sig", "signature", "code", "session", "sessionid", "sid",
    };

    private static readonly string[] SecretEndings = ["token", "key", "secret", "password", "signature"];

    /// <summary><c>https://user:pass@host/feed?token=abc&amp;x=1</c> becomes <c>https://***@host/feed?token=***&amp;x=1</c>.</summary>
    public static string Mask(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Mask(url.OriginalString);
    }

    /// <summary>The same for a URL as text; text that is no URL comes back with only its parameters masked.</summary>
    public static string Mask(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        var at = scheme < 0 ? -1 : authority.LastIndexOf('@');
        var head = at < 0 ? url[..authorityStart] + authority : url[..authorityStart] + Hidden + authority[at..];
        var rest = authorityEnd < 0 ? "" : url[authorityEnd..];
        return head + MaskParameters(rest);
    }

    /// <summary>Whether <see cref="Mask(string)"/> hides anything in <paramref name="url"/>.</summary>
    public static bool HasSecrets(string url) => !string.Equals(Mask(url), url, StringComparison.Ordinal);

    private static string MaskParameters(string pathQueryFragment)
    {
        var query = pathQueryFragment.IndexOfAny(['?', '#']);
        if (query < 0)
        {
            return pathQueryFragment;
        }

        var masked = new System.Text.StringBuilder(pathQueryFragment[..(query + 1)]);
        var start = query + 1;
        while (start <= pathQueryFragment.Length)
        {
            // Parameters end at '&' or ';', and the query ends at '#'; the fragment is masked by the same rule
            // because OAuth puts access_token there.
            var end = pathQueryFragment.IndexOfAny(['&', ';', '#'], start);
            var pair = end < 0 ? pathQueryFragment[start..] : pathQueryFragment[start..end];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            masked.Append(equals > 0 && IsSecret(pair[..equals]) ? pair[..(equals + 1)] + Hidden : pair);
            if (end < 0)
            {
                break;
            }

            masked.Append(pathQueryFragment[end]);
            start = end + 1;
        }

        return masked.ToString();
    }

    private static bool IsSecret(string name)
    {
        var plain = Uri.UnescapeDataString(name).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return SecretNames.Contains(plain) || SecretEndings.Any(e => plain.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }
}
