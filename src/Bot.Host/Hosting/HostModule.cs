using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Host.Commands;
using Bot.Host.Console;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
