namespace Bot.Discord.Rest;

/// <summary>
/// The rate-limit identity of a request. Discord buckets per route template and per "top-level
/// resource" (channel, guild, webhook with its token, interaction with its token): ids after those
/// stay, other ids become <c>:id</c>, so PATCH channels/1/messages/2 and /3 share a bucket but
/// channels/1 and channels/9 do not.
/// </summary>
internal static class RouteKey
{
    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "channels", "guilds", "webhooks", "interactions" };

    /// <summary>Method plus template, e.g. <c>PATCH channels/1/messages/:id</c>.</summary>
    public static string Of(HttpMethod method, string path)
    {
        var parts = path.Split('?', 2)[0].Trim('/').Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var afterTopLevel = i > 0 && TopLevel.Contains(parts[i - 1]);
            var tokenOfTopLevel = i > 1 && parts[i - 2] is "webhooks" or "interactions";
            if (!afterTopLevel && !tokenOfTopLevel && parts[i].Length > 0 && parts[i].All(char.IsAsciiDigit))
            {
                parts[i] = ":id";
            }
        }

        return method.Method + " " + string.Join('/', parts);
    }

    /// <summary>The top-level ids of a key, which a learnt bucket hash is combined with.</summary>
    public static string Major(string key)
    {
        var parts = key.Split(' ', 2)[1].Split('/');
        var major = new List<string>();
        for (var i = 1; i < parts.Length; i++)
        {
            if (TopLevel.Contains(parts[i - 1]) || (i > 1 && parts[i - 2] is "webhooks" or "interactions"))
            {
                major.Add(parts[i]);
            }
        }

        return string.Join('/', major);
    }

    /// <summary>The key with interaction and webhook tokens masked: they let anyone post for 15 minutes.</summary>
    public static string Redacted(string key)
    {
        var parts = key.Split('/');
        for (var i = 2; i < parts.Length; i++)
        {
            if (parts[i - 2].EndsWith("webhooks", StringComparison.Ordinal) || parts[i - 2].EndsWith("interactions", StringComparison.Ordinal))
            {
                parts[i] = "***";
            }
        }

        return string.Join('/', parts);
    }
}
