using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Bot.Host.Operations;

/// <summary>The effective configuration of the bot's own sections, secrets redacted, for <c>bot config check</c>.</summary>
internal static partial class ConfigReport
{
    private static readonly string[] Sections = ["Chat", "Knowledge", "Quiz", "Packages", "News", "Matrix", "Discord", "Http", "Host", "Storage", "Logging"];

    public static IEnumerable<string> Lines(IConfiguration configuration) =>
        Sections.SelectMany(section => configuration.GetSection(section).AsEnumerable(makePathsRelative: false))
            .Where(kv => kv.Value is not null)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key} = {(Secret().IsMatch(kv.Key) && kv.Value!.Length > 0 ? "*** (set)" : kv.Value)}");

    /// <summary>Keys whose values are secrets: tokens, passwords, API keys, private keys, connection strings (which carry a password).</summary>
    [GeneratedRegex(@"(Token|Password|ApiKey|Secret|ClientKey|PublicKey|ConnectionString)$", RegexOptions.IgnoreCase)]
    internal static partial Regex Secret();
}
