using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Status;
using Bot.Core.Storage;
using Bot.Host.Commands;
using Bot.Host.Console;
using Bot.Host.Operations;
using Bot.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Hosting;

/// <summary>
/// The host's own commands, the console adapter, the publisher that routes posts to adapters, the
/// operations endpoints and backups, and the bot's one scheduler.
/// </summary>
internal static class HostModule
{
    public static IServiceCollection AddHostModule(this IServiceCollection services, string dataDirectory, StoreOptions store)
    {
        services.AddSingleton(sp => new BotInfo(sp.GetRequiredService<TimeProvider>(), dataDirectory));
        services.AddSingleton<ICommandHandler, HelpCommand>();
        services.AddSingleton<ICommandHandler, AboutCommand>();
        services.AddSingleton<ConsoleChannel>();
        services.AddSingleton<IChatPlatform, ConsolePlatform>();
        services.AddSingleton<ConsoleChat>();
        services.AddSingleton<IChatPublisher, PlatformPublisher>();
        services.AddHostedService<StoreStartup>();
        services.AddValidatedOptions<HttpOptions>(HttpOptions.Section);
        services.AddSingleton<IReadinessCheck, PlatformReadiness>();
        services.AddSingleton<HttpEndpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<HttpEndpoints>());
        services.AddValidatedOptions<HostRuntimeOptions>(HostRuntimeOptions.Section);
        services.AddOptions<HostOptions>().Configure<IOptions<HostRuntimeOptions>>((host, runtime) => host.ShutdownTimeout = runtime.Value.ShutdownTimeout);
        services.AddSingleton<IReadinessCheck>(sp => new DiskReadiness(dataDirectory, sp.GetRequiredService<IOptions<HostRuntimeOptions>>()));

        // The bot's one scheduler. Modules schedule their jobs on it at start (ISchedulerFactory);
        // none registers a scheduler of its own. Running jobs finish before the host stops. On
        // PostgreSQL it is clustered: each trigger fires on one instance of all that share the database.
        services.AddQuartz(quartz =>
        {
            if (store.IsPostgres)
            {
                quartz.UseClusteredPostgres(store, BotInstance.From(store));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<BackupSchedule>();
        return services;
    }
}
