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
