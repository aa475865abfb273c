using Bot.Core.Storage;
using Bot.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bot.Testing;

/// <summary>
/// The stores a contract test runs against: LiteDB always, and PostgreSQL where the test server runs
/// (CI always; <see cref="TestPostgres.SkipReason"/> says why it is left out elsewhere).
/// </summary>
public static class StoreBackends
{
    /// <summary>For <c>[MemberData]</c>: each backend's name.</summary>
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { StoreOptions.LiteDb };
            if (TestPostgres.SkipReason is null)
            {
                data.Add(StoreOptions.Postgres);
            }

            return data;
        }
    }

    /// <summary>A fresh store of <paramref name="backend"/>, migrated with the core's steps and <paramref name="migrations"/>.</summary>
    public static OpenStore Open(string backend, IEnumerable<IStoreMigration> migrations, params Type[] documents)
    {
        var migrator = new SchemaMigrator([new StateStoreMigration(), new LeaseStoreMigration(), .. migrations], NullLogger<SchemaMigrator>.Instance);
        if (backend == StoreOptions.LiteDb)
        {
            var stream = new MemoryStream();
            var database = BotDatabase.Open(stream, migrator, StoreMapper.Create(documents.Select(t => new StoreDocument(t))));
            return new OpenStore(new LiteDocumentStore(database), () =>
            {
                database.Dispose();
                stream.Dispose();
            });
        }

        var test = TestPostgres.CreateDatabase();
        var dataSource = NpgsqlDataSource.Create(test.ConnectionString);
        var store = new PostgresDocumentStore(dataSource, migrator);
        store.Open();
        return new OpenStore(store, () =>
        {
            store.Dispose();
            test.Dispose();
        }, test.ConnectionString);
    }
}

/// <summary>A store open for one test, closed (and its database dropped) at the end.</summary>
public sealed class OpenStore(IDocumentStore store, Action close, string? connectionString = null) : IDisposable
{
    public IDocumentStore Store { get; } = store;

    /// <summary>The PostgreSQL database's connection string; null for LiteDB.</summary>
    public string? ConnectionString { get; } = connectionString;

    public void Dispose() => close();
}
