using LiteDB;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Storage;

/// <summary>Brings each module's collections to the newest schema version when the database opens.</summary>
public sealed partial class SchemaMigrator(IEnumerable<IStoreMigration> migrations, ILogger<SchemaMigrator> logger)
{
    internal const string Collection = "_schema";

    /// <summary>Runs the steps not yet applied, each in its own transaction, and records the versions.</summary>
    public void Migrate(ILiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var versions = database.GetCollection<SchemaVersion>(Collection);
        foreach (var module in migrations.GroupBy(m => m.Module, StringComparer.Ordinal))
        {
            var current = versions.FindById(module.Key)?.Version ?? 0;
            foreach (var step in module.OrderBy(m => m.Version).Where(m => m.Version > current))
            {
                database.BeginTrans();
                try
                {
                    step.Apply(database);
                    versions.Upsert(new SchemaVersion { Id = module.Key, Version = step.Version });
                    database.Commit();
                }
                catch
                {
                    database.Rollback();
                    throw;
                }

                LogMigrated(logger, module.Key, step.Version, step.Description);
            }
        }
    }

    /// <summary>The schema version of every module, for <c>/about</c>.</summary>
    public static IReadOnlyDictionary<string, int> Versions(ILiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.GetCollection<SchemaVersion>(Collection).FindAll().ToDictionary(v => v.Id, v => v.Version, StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Store schema of {Module} migrated to version {Version}: {Description}")]
    private static partial void LogMigrated(ILogger logger, string module, int version, string description);

    internal sealed class SchemaVersion
    {
        public string Id { get; set; } = "";

        public int Version { get; set; }
    }
}
