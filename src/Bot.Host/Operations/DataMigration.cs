using Bot.Core.Storage;
using Bot.Host.Cli;
using Bot.Host.Hosting;
using Bot.Postgres;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Operations;

/// <summary>
/// <c>bot data migrate --to postgres</c>: the data directory's LiteDB store copied into the
/// PostgreSQL database of <c>Storage:ConnectionString</c>, both brought to the current schema first.
/// The data directory's lock is held throughout, so no bot starts on the old store meanwhile.
/// </summary>
internal static class DataMigration
{
    public static int ToPostgres(IServiceProvider services, CliContext cli)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var connectionString = services.GetRequiredService<IOptions<StoreOptions>>().Value.ResolveConnectionString();
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return Fail(cli, "set Storage__ConnectionString (or Storage:ConnectionStringFile) to the PostgreSQL database to copy into");
        }

        if (!File.Exists(storage.DatabasePath))
        {
            return Fail(cli, $"there is no LiteDB store at {storage.DatabasePath}");
        }

        var migrator = services.GetRequiredService<SchemaMigrator>();
        try
        {
            using var owner = new StoreLock();
            owner.AcquireSecured(storage, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataMigration)));
            using var lite = BotDatabase.Open(storage, migrator, services.GetRequiredService<StoreMapper>());
            using var postgres = new PostgresDocumentStore(NpgsqlDataSource.Create(connectionString), migrator);
            postgres.Open();
            var copied = StoreCopy.Copy(new LiteDocumentStore(lite), postgres, services.GetServices<StoreCollection>());
            foreach (var (collection, documents, added) in copied)
            {
                cli.Output.WriteLine($"{collection}: {documents} documents, {added} added");
            }

            var (_, where) = postgres.Probe();
            cli.Output.WriteLine($"copied {copied.Sum(c => c.Added)} of {copied.Sum(c => c.Documents)} documents in {copied.Count} collections from {storage.DatabasePath} to {where}; " +
                "set Storage__Provider=postgres to run on it (a document already there is left as it is, so a second run adds only what is missing)");
            return ExitCodes.Ok;
        }
        catch (IOException ex)
        {
            return Fail(cli, $"{ex.Message}: stop that bot first, then migrate");
        }
        catch (System.Data.Common.DbException ex)
        {
            return Fail(cli, $"cannot write to the {StoreOptions.Postgres} store: {ex.Message}");
        }
        catch (LiteException ex)
        {
            return Fail(cli, $"cannot read {storage.DatabasePath}: {ex.Message}");
        }
    }

    private static int Fail(CliContext cli, string message)
    {
        cli.Error.WriteLine("bot: " + message);
        return ExitCodes.Failed;
    }
}
