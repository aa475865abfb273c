using Bot.Core.Replies;
using Bot.Packages.Index;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Queries;

/// <summary>
/// The chat answers with their bad-input handling: an index still building, an unknown distro
/// (with the list), an unknown package (with near names), nothing found; and the index's age.
/// </summary>
internal sealed class PackageAnswers(PackageQueries queries, PackageCatalog catalog, PackageSyncRunner sync, IOptions<PackagesOptions> options)
{
    /// <summary>Waits (briefly) for the index to be loaded from the cache at start, so an early question is not told it is missing.</summary>
    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await catalog.Loaded.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Answer with what there is; Guard says when the index is still being built.
        }
    }

    public Reply Info(string name, string? distro) =>
        Guard(distro) ?? (queries.Info(name, distro) is { Count: > 0 } rows
            ? PackageReplies.Info(name, rows, Footer(rows.Select(r => r.Repo)))
            : UnknownPackage(name, distro));

    public Reply Provides(string what, string? distro) =>
        Guard(distro) ?? (queries.Provides(what, distro) is { Count: > 0 } rows
            ? PackageReplies.Provides(what, rows, Footer(rows.Select(r => r.Repo)))
            : Reply.Problem($"Nothing in the indexed repositories{In(distro)} provides `{Clip(what)}`. Try a file path (`/usr/lib64/libssl.so.3`), a soname (`libssl.so.3`) or a capability (`libssl.so.3()(64bit)`)."));

    public Reply Compare(string name, string from, string to)
    {
        if ((Guard(from) ?? Guard(to)) is { } problem)
        {
            return problem;
        }

        var result = queries.Compare(name, from, to);
        if (result.From is null || result.To is null)
        {
            var missing = string.Join(" and ", new[] { result.From is null ? from : null, result.To is null ? to : null }.OfType<string>());
            return queries.Info(name, null).Count == 0 ? UnknownPackage(name, null) : Reply.Problem($"`{Clip(name)}` is not in the indexed repositories of {missing}.");
        }

        return PackageReplies.Compare(result, Footer(options.Value.Enabled.Where(r => r.Distro == from || r.Distro == to).Select(r => r.Id)));
    }

    public Reply Advisory(string id, string? distro) =>
        Guard(distro) ?? (queries.Advisory(id, distro) is { Count: > 0 } rows
            ? PackageReplies.Advisories(id.ToUpperInvariant(), rows, Footer(rows.Select(r => r.Repo)))
            : Reply.Say($"No advisory `{Clip(id)}` in the indexed repositories{In(distro)}. {Footer(options.Value.Enabled.Select(r => r.Id))}"));

    /// <summary>Null when the question can be answered; else why not.</summary>
    private Reply? Guard(string? distro)
    {
        if (distro is not null && !options.Value.Distros.Contains(distro))
        {
            return Reply.Problem($"I don't index `{Clip(distro)}`; distros: {string.Join(", ", options.Value.Distros)}.");
        }

        if (!catalog.HasIndex)
        {
            if (options.Value.Enabled.Any())
            {
                sync.EnsureStarted();
                return Reply.Say("The package index is being built: the first sync of the repositories has started. Ask again in a few minutes.");
            }

            return Reply.Problem("No repositories are configured (Packages:Repos).");
        }

        return null;
    }

    private Reply UnknownPackage(string name, string? distro)
    {
        var near = queries.Near(name);
        var hint = near.Count == 0 ? "" : $" Near names: {string.Join(", ", near.Select(n => $"`{n}`"))}.";
        return Reply.Problem($"No package `{Clip(name)}` in the indexed repositories{In(distro)}.{hint} Distros: {string.Join(", ", options.Value.Distros)}.");
    }

    private string Footer(IEnumerable<string> repos)
    {
        var states = catalog.States().ToDictionary(s => s.Repo.Id, s => s.State, StringComparer.Ordinal);
        var used = repos.Distinct(StringComparer.Ordinal).ToList();
        var failing = used.Where(r => states.TryGetValue(r, out var s) && s.LastError is not null).ToList();
        var ages = used.Select(catalog.Age).Distinct().ToList();
        var age = ages.Count == 1 ? ages[0] : "of several ages";
        return failing.Count == 0
            ? $"from repository metadata, {age}"
            : $"from the last good metadata of {string.Join(", ", failing)} ({string.Join(", ", failing.Select(catalog.Age))}): the latest sync failed";
    }

    private static string In(string? distro) => distro is null ? "" : $" of {distro}";

    private static string Clip(string text) => (text.Length > 60 ? text[..60] + "…" : text).Replace('`', '\'');
}
