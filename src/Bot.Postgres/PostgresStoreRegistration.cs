using Bot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Bot.Postgres;

/// <summary>Puts the bot on PostgreSQL: every module's collections, the leases, and Quartz's clustered job store.</summary>
public static class PostgresStoreRegistration
{
    /// <summary>How often each instance tells the cluster it is alive.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long past a missed check-in the others wait before taking over its jobs: with the interval, a dead instance's jobs move within about 15 s.</summary>
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(10);

    /// <summary>Replaces the embedded store with <see cref="PostgresDocumentStore"/>; the connection string is read once, at the first use.</summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(options.ResolveConnectionString());
            // The instance shows in pg_stat_activity, so an operator sees which bot holds a lock.
            builder.ConnectionStringBuilder.ApplicationName ??= "bot " + sp.GetRequiredService<BotInstance>().Id;
            return builder.Build();
        });
        services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp =>
            new PostgresDocumentStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<SchemaMigrator>(), sp.GetRequiredService<TimeProvider>())));
        return services;
    }

    /// <summary>
    /// Quartz's own ADO.NET job store on the same database, clustered: a trigger fires on one
    /// instance, and a dead instance's triggers are recovered by the others at their check-in.
    /// Quartz makes its tables itself, under its own guard against instances starting at once.
    /// </summary>
    public static void UseClusteredPostgres(this IQuartzBuilder quartz, StoreOptions options, BotInstance instance)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        quartz.ConfigureScheduler(s => s.InstanceId = instance.Id);
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(options.ResolveConnectionString());
            store.ProvisionSchema();
            store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
            store.UseClustering(c =>
            {
                c.CheckinInterval = CheckinInterval;
                c.CheckinMisfireThreshold = CheckinMisfireThreshold;
            });
        });
    }
}
