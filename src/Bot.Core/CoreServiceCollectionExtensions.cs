using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Storage;
using Bot.Core.Text;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Core;

/// <summary>Registers the platform-neutral core: catalog, router, text gateway, store and clock.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Adds the core services. Modules and platforms add their own with their <c>AddXxx</c>.</summary>
    public static IServiceCollection AddBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(Lazy<>), typeof(LazyService<>));
        services.AddValidatedOptions<ChatOptions>(ChatOptions.Section);
        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<PersonRateLimiter>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<TextCommandGateway>();

        services.AddValidatedOptions<StoreOptions>(StoreOptions.Section);
        services.AddSingleton(sp => BotInstance.From(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddStoreCollection<StateDocument>(StateDocument.Collection);
        services.AddSingleton<IStoreMigration, StateStoreMigration>();
        services.AddSingleton<IStoreMigration, LeaseStoreMigration>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<StoreLock>();
        services.AddSingleton(sp => StoreMapper.Create(sp.GetServices<StoreDocument>()));
        services.TryAddSingleton<ILiteDatabase>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            sp.GetRequiredService<StoreLock>().AcquireSecured(storage, (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(typeof(DataDirectoryAccess)));
            return BotDatabase.Open(storage, sp.GetRequiredService<SchemaMigrator>(), sp.GetRequiredService<StoreMapper>());
        });
        services.AddSingleton(sp => new OnlineBackup(sp.GetRequiredService<ILiteDatabase>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<IDocumentStore>(sp => new LiteDocumentStore(new Lazy<ILiteDatabase>(sp.GetRequiredService<ILiteDatabase>)));
        services.AddSingleton<IStateStore, StateStore>();
        services.AddSingleton<ILeaseStore, LeaseStore>();
        services.AddSingleton<Status.IReadinessCheck, StoreReadiness>();
        return services;
    }
}
