using Microsoft.Extensions.Logging;

namespace Bot.Core.Storage;

/// <summary>Brings each module's collections to the newest schema version when the store opens.</summary>
public sealed partial class SchemaMigrator(IEnumerable<IStoreMigration> migrations, ILogger<SchemaMigrator> logger)
{
    internal const string Collection = "_schema";

    /// <summary>
    /// Runs the steps not yet applied, each in its own transaction with its version, under the
    /// store's schema lock: a second instance starting at the same moment waits, then finds them applied.
    /// </summary>
    public void Migrate(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.WithSchemaLock(() =>
        {
            store.CreateCollection(Collection);
            var versions = store.Collection<SchemaVersion>(Collection);
            foreach (var module in migrations.GroupBy(m => m.Module, StringComparer.Ordinal))
            {
                var current = versions.Find(module.Key)?.Version ?? 0;
                foreach (var step in module.OrderBy(m => m.Version).Where(m => m.Version > current))
                {
                    store.InTransaction(() =>
                    {
                        step.Apply(store);
                        versions.Upsert(new SchemaVersion { Id = module.Key, Version = step.Version });
                        return true;
                    });
                    LogMigrated(logger, store.Backend, module.Key, step.Version, step.Description);
                }
            }
        });
    }

    /// <summary>The schema version of every module, for <c>/about</c>.</summary>
    public static IReadOnlyDictionary<string, int> Versions(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Collection<SchemaVersion>(Collection).All().ToDictionary(v => v.Id, v => v.Version, StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Store schema ({Backend}) of {Module} migrated to version {Version}: {Description}")]
    private static partial void LogMigrated(ILogger logger, string backend, string module, int version, string description);

    /// <summary>A module's applied schema version.</summary>
    public sealed class SchemaVersion : IStoredDocument
    {
        public string Id { get; set; } = "";

        public int Version { get; set; }
    }
}
