using System.CommandLine;
using Bot.Core.Storage;
using Bot.Host.Hosting;
using Bot.Host.Operations;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary><c>bot config check</c>, <c>bot data backup|restore</c> and <c>bot health</c>.</summary>
internal static class OperationsVerbs
{
    public static IEnumerable<Command> Commands(
        CliContext cli,
        Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb,
        Func<ParseResult, HostSettings> settings)
    {
        var check = new Command("check", "Validate the whole configuration and print the effective values, secrets redacted") { TreatUnmatchedTokensAsErrors = false };
        check.SetAction((parse, ct) => verb(parse, (services, context, _) =>
        {
            foreach (var line in ConfigReport.Lines(services.GetRequiredService<IConfiguration>()))
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine("configuration is valid");
            return Task.FromResult(ExitCodes.Ok);
        }));
        var config = new Command("config", "The configuration");
        config.Subcommands.Add(check);
        yield return config;

        var file = new Argument<string>("FILE");
        var backup = new Command("backup", "Write a consistent copy of a stopped bot's store to FILE (a running bot backs itself up: Host:BackupDirectory)");
        backup.Arguments.Add(file);
        backup.SetAction(parse => Guarded(cli, () =>
        {
            var database = Database(settings(parse));
            var documents = StoreBackup.Backup(database, Path.GetFullPath(parse.GetValue(file)!));
            cli.Output.WriteLine($"backed up {documents} documents from {database} to {Path.GetFullPath(parse.GetValue(file)!)}");
        }));
        var restoreFile = new Argument<string>("FILE");
        var restore = new Command("restore", "Put a backup back (refused while a bot holds the data directory)");
        restore.Arguments.Add(restoreFile);
        restore.SetAction(parse => Guarded(cli, () =>
        {
            var database = Database(settings(parse));
            StoreBackup.Restore(Path.GetFullPath(parse.GetValue(restoreFile)!), database);
            cli.Output.WriteLine($"restored {database} from {parse.GetValue(restoreFile)} (the previous store is kept as {Path.GetFileName(database)}.before-restore)");
        }));
        var to = new Option<string>("--to") { Description = "The store to copy into: postgres (Storage__ConnectionString)", Required = true };
        to.AcceptOnlyFromAmong(StoreOptions.Postgres);
        var migrate = new Command("migrate", "Copy a stopped bot's LiteDB store into PostgreSQL (idempotent; refused while a bot holds the data directory)");
        migrate.Options.Add(to);
        migrate.SetAction((parse, ct) => verb(parse, (services, context, _) => Task.FromResult(DataMigration.ToPostgres(services, context))));
        var data = new Command("data", "The store");
        data.Subcommands.Add(backup);
        data.Subcommands.Add(restore);
        data.Subcommands.Add(migrate);
        yield return data;

        var url = new Option<string>("--url") { Description = "The /healthz URL", DefaultValueFactory = _ => "http://127.0.0.1:8080/healthz" };
        var health = new Command("health", "Exit 0 when the bot's /healthz answers (for container health checks)");
        health.Options.Add(url);
        health.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(new Uri(parse.GetValue(url)!), ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    await cli.Error.WriteLineAsync($"bot: {parse.GetValue(url)} answered {(int)response.StatusCode}").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await cli.Error.WriteLineAsync($"bot: {parse.GetValue(url)} did not answer: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        yield return health;
    }

    private static string Database(HostSettings settings) => new StorageOptions { DataDirectory = settings.ResolveDataDirectory() }.DatabasePath;

    private static int Guarded(CliContext cli, Action action)
    {
        try
        {
            action();
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException)
        {
            cli.Error.WriteLine($"bot: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
