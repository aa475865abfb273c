using Bot.Core.Diagnostics;
using Bot.Core.Status;
using Bot.Packages.Index;
using Microsoft.Extensions.Options;

namespace Bot.Packages;

/// <summary>
/// /readyz: no synced repository older than twice the sync interval (answers would be stale).
/// Never-synced repositories do not count: a fresh install syncs on the first question.
/// Also exports each repository's index age as a gauge.
/// </summary>
internal sealed class PackagesReadiness : IReadinessCheck
{
    private readonly PackageCatalog _catalog;
    private readonly IOptions<PackagesOptions> _options;
    private readonly TimeProvider _time;

    public PackagesReadiness(PackageCatalog catalog, IOptions<PackagesOptions> options, TimeProvider time)
    {
        (_catalog, _options, _time) = (catalog, options, time);
        BotMetrics.Gauge("bot.packages.index_age", "s", "Seconds since each repository's last successful sync", () =>
            _catalog.States().Where(s => s.State.LastSuccess is not null).Select(s => new System.Diagnostics.Metrics.Measurement<double>(
                (_time.GetUtcNow().UtcDateTime - s.State.LastSuccess!.Value.ToUniversalTime()).TotalSeconds,
                new KeyValuePair<string, object?>("repo", s.Repo.Id))));
    }

    public string Name => "packages";

    public (bool Ready, string Detail) Check()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var bound = _options.Value.SyncInterval * 2;
        var stale = _catalog.States().Where(s => s.State.LastSuccess is { } last && now - last.ToUniversalTime() > bound).Select(s => s.Repo.Id).ToList();
        return stale.Count == 0
            ? (true, $"{_catalog.Current.PackageCount} packages indexed")
            : (false, $"older than {bound}: {string.Join(", ", stale)}");
    }
}
