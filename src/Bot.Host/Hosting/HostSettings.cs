namespace Bot.Host.Hosting;

/// <summary>What the command line says about how to build the host.</summary>
/// <param name="ConfigFile">An extra JSON file layered over the embedded defaults.</param>
/// <param name="DataDirectory">From --data-dir; null falls back to BOT_DATA_DIR, then ./data.</param>
/// <param name="ConfigArgs">Remaining <c>--Section:Key=value</c> arguments, the last configuration layer.</param>
/// <param name="QuietLogs">Whether the verb talks to a person (chat, ask), which calls for warnings-only logging by default.</param>
internal sealed record HostSettings(string? ConfigFile, string? DataDirectory, IReadOnlyList<string> ConfigArgs, bool QuietLogs)
{
    /// <summary>Whether the verb answers once and exits, so that no background work (the start-up sync) is started for it.</summary>
    public bool OneShot { get; init; }

    /// <summary>Which modules the verb's host holds.</summary>
    public HostScope Scope { get; init; } = HostScope.Whole;

    public string ResolveDataDirectory()
    {
        var directory = DataDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = Environment.GetEnvironmentVariable("BOT_DATA_DIR");
        }

        return Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? "data" : directory);
    }
}

/// <summary>Which modules a verb's host holds: a verb starts only what it needs.</summary>
internal enum HostScope
{
    /// <summary>Every module and platform: <c>bot run</c>, <c>bot chat</c>, <c>bot ask</c> and the operations verbs.</summary>
    Whole,

    /// <summary>
    /// The core and the Packages module alone: <c>bot pkg</c> and <c>bot repo sync</c> load no
    /// embedding model and start no scheduler or chat platform.
    /// </summary>
    Packages,
}

/// <summary>How much of the host a verb starts before its body runs.</summary>
internal enum HostStart
{
    /// <summary>Nothing: the verb reads the configuration (and opens the store itself if it must).</summary>
    Nothing,

    /// <summary>
    /// The data directory is locked (one bot per data directory), no hosted service runs and the
    /// store opens when first used: a one-shot verb that does its own work, such as a lookup from
    /// the package cache, which needs no database at all.
    /// </summary>
    Lock,

    /// <summary>The store and every hosted service: platforms, jobs, endpoints.</summary>
    Everything,
}
