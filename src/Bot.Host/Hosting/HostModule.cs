using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Host.Commands;
using Bot.Host.Console;
using Bot.Core.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Host.Hosting;

/// <summary>The host's own commands, the console adapter and the publisher that routes posts to adapters.</summary>
internal static class HostModule
{
    public static IServiceCollection AddHostModule(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(sp => new BotInfo(sp.GetRequiredService<TimeProvider>(), dataDirectory));
        services.AddSingleton<ICommandHandler, HelpCommand>();
        services.AddSingleton<ICommandHandler, AboutCommand>();
        services.AddSingleton<ConsoleChannel>();
        services.AddSingleton<IChatPlatform, ConsolePlatform>();
        services.AddSingleton<ConsoleChat>();
        services.AddSingleton<IChatPublisher, PlatformPublisher>();
        services.AddHostedService<StoreStartup>();
        services.AddValidatedOptions<Operations.HttpOptions>(Operations.HttpOptions.Section);
        services.AddSingleton<Bot.Core.Status.IReadinessCheck, Operations.PlatformReadiness>();
        services.AddSingleton<Operations.HttpEndpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<Operations.HttpEndpoints>());
        services.AddValidatedOptions<Operations.HostRuntimeOptions>(Operations.HostRuntimeOptions.Section);
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<Operations.HostRuntimeOptions>>((host, runtime) => host.ShutdownTimeout = runtime.Value.ShutdownTimeout);
        services.AddHostedService<Operations.ScheduledBackups>();
        services.AddSingleton<Bot.Core.Status.IReadinessCheck>(sp => new Operations.DiskReadiness(dataDirectory, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Operations.HostRuntimeOptions>>()));
        return services;
    }
}
