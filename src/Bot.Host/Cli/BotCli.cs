using System.CommandLine;
using Bot.Core.Chat;
using Bot.Host.Console;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Cli;

/// <summary>The <c>bot</c> executable's verbs. Each verb builds the host it needs through <see cref="HostRunner"/>.</summary>
internal static class BotCli
{
    private static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "An extra JSON configuration file, layered over config/appsettings.json",
        Recursive = true,
    };

    /// <summary>Whether a word is a configuration override (<c>Section:Key=value</c>), not a word of a verb's text.</summary>
    internal static bool IsSetting(string word) =>
        System.Text.RegularExpressions.Regex.IsMatch(word, @"^[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)+=", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Where the bot keeps everything it writes (default: BOT_DATA_DIR, else ./data)",
        Recursive = true,
    };

    private static readonly Option<string?> UrlsOption = new("--urls")
    {
        Description = "Where the HTTP endpoints listen (/healthz, /readyz, /metrics, Discord's /interactions); the same as Http:Urls",
        Recursive = true,
    };

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        RunAsync(args, new CliContext(input, output, error, Interactive: !System.Console.IsInputRedirected && input == System.Console.In));

    public static async Task<int> RunAsync(string[] args, CliContext cli, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var root = new RootCommand("A chat bot for Enterprise Linux communities: compatibility answers, packages, quizzes and news.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(ConfigOption);
        root.Options.Add(DataDirOption);
        root.Options.Add(UrlsOption);

        var run = new Command("run", "Start every configured chat platform (the default); with none, the console chat") { TreatUnmatchedTokensAsErrors = false };
        var chat = new Command("chat", "Talk to the bot in this terminal: one line in, the reply out (works piped)") { TreatUnmatchedTokensAsErrors = false };
        root.Subcommands.Add(run);
        root.Subcommands.Add(chat);
        root.Subcommands.Add(KnowledgeVerbs.Ask((parse, body) => Verb(parse, cli, overrides, quiet: true, body, oneShot: true)));
        root.Subcommands.Add(KnowledgeVerbs.Knowledge(cli));
        root.Subcommands.Add(QuizVerbs.Quiz(cli));
        foreach (var verb in PackageVerbs.Commands(cli, (parse, body) => Verb(parse, cli, overrides, quiet: true, body, HostStart.Lock, oneShot: true, HostScope.Packages)))
        {
            root.Subcommands.Add(verb);
        }

        foreach (var verb in OperationsVerbs.Commands(cli, (parse, body) => Verb(parse, cli, overrides, quiet: true, body, HostStart.Nothing),
            parse => new HostSettings(parse.GetValue(ConfigOption), parse.GetValue(DataDirOption), [], QuietLogs: true)))
        {
            root.Subcommands.Add(verb);
        }

        root.Subcommands.Add(DiscordVerbs.Discord((parse, body) => Verb(parse, cli, overrides, quiet: true, body, HostStart.Nothing)));

        root.SetAction((parse, ct) => Verb(parse, cli, overrides, quiet: false, RunVerbAsync));
        run.SetAction((parse, ct) => Verb(parse, cli, overrides, quiet: false, RunVerbAsync));
        chat.SetAction((parse, ct) => Verb(parse, cli, overrides, quiet: true, ChatVerbAsync));

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = cli.Output,
            Error = cli.Error,
            // The generic host owns SIGTERM and Ctrl-C and stops the verb through ApplicationStopping.
            ProcessTerminationTimeout = null,
        }).ConfigureAwait(false);
    }

    internal static async Task<int> Verb(
        ParseResult parse,
        CliContext cli,
        Action<IServiceCollection>? overrides,
        bool quiet,
        Func<IServiceProvider, CliContext, CancellationToken, Task<int>> body,
        HostStart start = HostStart.Everything,
        bool oneShot = false,
        HostScope scope = HostScope.Whole)
    {
        // Unmatched words are configuration overrides (Section:Key=value); anything else is a typo.
        // A verb's free-text argument (bot ask's question) takes every word, settings included: they
        // are settings here and not part of the question.
        var configArgs = parse.UnmatchedTokens
            .Concat(parse.CommandResult.Tokens.Select(t => t.Value).Where(IsSetting)).ToList();
        var stray = configArgs.FirstOrDefault(t => !t.Contains(':', StringComparison.Ordinal) || !t.Contains('=', StringComparison.Ordinal));
        if (stray is not null)
        {
            await cli.Error.WriteLineAsync($"bot: unknown argument '{stray}'; see bot --help").ConfigureAwait(false);
            return ExitCodes.BadConfig;
        }

        if (parse.GetValue(UrlsOption) is { Length: > 0 } urls)
        {
            configArgs.Add("Http:Urls=" + urls);
        }

        var settings = new HostSettings(parse.GetValue(ConfigOption), parse.GetValue(DataDirOption), configArgs, quiet) { OneShot = oneShot, Scope = scope };
        try
        {
            return await HostRunner.RunAsync(settings, cli, (services, stopping) => body(services, cli, stopping), overrides, start).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM before the verb had finished its work.
            await cli.Error.WriteLineAsync("bot: stopped before the command had finished (cancelled)").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            // The last line of defence: one readable line, not a stack trace.
            await cli.Error.WriteLineAsync($"bot: stopped by an unexpected error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> RunVerbAsync(IServiceProvider services, CliContext cli, CancellationToken stopping)
    {
        var platforms = services.GetServices<IChatPlatform>().Where(p => p.Name != ConsoleChannel.Address.Platform).ToList();
        if (platforms.Count == 0)
        {
            await cli.Error.WriteLineAsync("bot: no chat platform is configured (see the README for Discord and Matrix); starting the console chat.").ConfigureAwait(false);
            return await ChatVerbAsync(services, cli, stopping).ConfigureAwait(false);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown was asked for; the runner stops the host.
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> ChatVerbAsync(IServiceProvider services, CliContext cli, CancellationToken stopping)
    {
        await services.GetRequiredService<ConsoleChat>().RunAsync(cli.Input, cli.Output, cli.Interactive, stopping).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
