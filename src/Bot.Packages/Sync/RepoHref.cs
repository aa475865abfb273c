using Bot.Packages.Repodata;

namespace Bot.Packages.Sync;

/// <summary>
/// Resolves a <c>location href</c> of repomd.xml, which comes from the mirror, so it may only name a
/// file inside its own repository. The rule:
/// <list type="bullet">
/// <item>An absolute href (<c>https://…</c>, <c>file:///…</c>, <c>/etc/passwd</c>, <c>//host/x</c>) is
/// refused for an http(s) base: a mirror must not send the bot to another host or path. For a
/// <c>file://</c> base an absolute <c>file://</c> href is taken only when it lies inside the base
/// directory (a local repository may name its own files so); anything else absolute is refused.</item>
/// <item>Any href whose resolved URL leaves the base is refused. Simpler and safer still, any <c>..</c>
/// segment is refused, even one that would come back inside (createrepo never writes one), and it is
/// looked for after percent-decoding too: a server may decode <c>%2e%2e</c> or <c>%2F</c> after our
/// check, so an encoded <c>..</c> is refused even where the URL keeps it as text.</item>
/// <item>An href that names no file, or holds control characters, is refused.</item>
/// </list>
/// </summary>
internal static class RepoHref
{
    /// <summary>How much of a refused href goes into the error: it is the mirror's text, not ours.</summary>
    private const int MaxQuoted = 200;

    public static Uri Resolve(RepoOptions repo, string href)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(href);
        var root = repo.BaseUri;
        var decoded = Uri.UnescapeDataString(href);
        if (decoded.Any(char.IsControl) || Path.GetFileName(decoded).Length == 0)
        {
            throw Refused(repo, href, "it names no file");
        }

        if (decoded.Split('/', '\\').Contains(".."))
        {
            throw Refused(repo, href, "it leaves the repository");
        }

        var absolute = href.StartsWith('/') || href.StartsWith('\\') || Uri.TryCreate(href, UriKind.Absolute, out _);
        if (absolute && !root.IsFile)
        {
            throw Refused(repo, href, "it is absolute");
        }

        if (!Uri.TryCreate(root, href, out var resolved))
        {
            throw Refused(repo, href, "it is not a URL");
        }

        if (!IsInside(root, resolved))
        {
            throw Refused(repo, href, "it leaves the repository");
        }

        return resolved;
    }

    private static bool IsInside(Uri root, Uri resolved)
    {
        if (resolved.Scheme != root.Scheme || !string.Equals(resolved.Authority, root.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!root.IsFile)
        {
            return resolved.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal) && resolved.AbsolutePath.Length > root.AbsolutePath.Length;
        }

        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root.LocalPath)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(resolved.LocalPath).StartsWith(directory, StringComparison.Ordinal);
    }

    private static RepodataException Refused(RepoOptions repo, string href, string why)
    {
        var printable = new string([.. href.Select(c => char.IsControl(c) ? '?' : c)]);
        var quoted = printable.Length > MaxQuoted ? printable[..MaxQuoted] + "…" : printable;
        return new RepodataException($"{repo.Id}/repomd.xml: location href '{quoted}' is refused: {why}; metadata must lie inside {repo.BaseUri}");
    }
}
