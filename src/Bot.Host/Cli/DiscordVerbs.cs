using System.CommandLine;
using Bot.Discord;
using Bot.Discord.Rest;
using Bot.Host.Hosting;

namespace Bot.Host.Cli;

/// <summary><c>bot discord register [--guild ID]</c>: bulk-overwrites the application's commands with the catalog.</summary>
internal static class DiscordVerbs
{
    public static Command Discord(Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb)
    {
        var guild = new Option<string?>("--guild") { Description = "Register in this guild only (shows at once; global commands may take a while)" };
        var register = new Command("register", "Register the slash commands from the catalog with Discord (needs Discord__Token and Discord:ApplicationId)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        register.Options.Add(guild);
        register.SetAction((parse, ct) => verb(parse, async (services, cli, stopping) =>
        {
            var guildId = parse.GetValue(guild);
            if (guildId is not null && (guildId.Length is 0 or > 20 || !guildId.All(char.IsAsciiDigit)))
            {
                await cli.Error.WriteLineAsync($"bot: --guild takes a guild id, a number (got '{guildId}')").ConfigureAwait(false);
                return ExitCodes.BadConfig;
            }

            try
            {
                var count = await DiscordModule.RegisterCommandsAsync(services, guildId, stopping).ConfigureAwait(false);
                await cli.Output.WriteLineAsync($"registered {count} commands {(guildId is null ? "globally (Discord may take up to an hour to show changes)" : "in guild " + guildId)}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is DiscordApiException or InvalidOperationException)
            {
                await cli.Error.WriteLineAsync("bot: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }));
        var discord = new Command("discord", "Discord set-up");
        discord.Subcommands.Add(register);
        return discord;
    }
}
