using Bot.Core.Commands;
using Bot.Core.Storage;
using Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Registration;

/// <summary>
/// Bulk-overwrites the application's commands (global, or one guild's) with the catalog, and
/// remembers what it registered so that a start with an unchanged catalog sends nothing.
/// </summary>
internal sealed partial class CommandRegistrar(CommandCatalog catalog, DiscordRest rest, IStateStore state, string applicationId, ILogger<CommandRegistrar> logger)
{
    /// <summary>Registers when forced or when the catalog changed; returns how many commands were sent (0: nothing to do).</summary>
    public async Task<int> RegisterAsync(string? guildId, bool force, CancellationToken cancellationToken)
    {
        var manifest = CommandManifest.Build(catalog.Commands);
        var hash = CommandManifest.Hash(manifest);
        var key = $"discord.commands.{applicationId}.{guildId ?? "global"}";
        if (!force && state.Get(key) == hash)
        {
            LogUnchanged(logger, guildId ?? "global");
            return 0;
        }

        await rest.OverwriteCommandsAsync(applicationId, guildId, manifest, cancellationToken).ConfigureAwait(false);
        state.Set(key, hash);
        LogRegistered(logger, manifest.Count, guildId ?? "global");
        return manifest.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord commands unchanged since the last registration ({Scope})")]
    private static partial void LogUnchanged(ILogger logger, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} Discord commands ({Scope})")]
    private static partial void LogRegistered(ILogger logger, int count, string scope);
}
