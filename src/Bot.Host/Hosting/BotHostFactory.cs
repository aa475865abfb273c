using Bot.Core;
using Bot.Core.Storage;
using Bot.Discord;
using Bot.Knowledge;
using Bot.Matrix;
using Bot.News;
using Bot.Packages;
using Bot.Postgres;
using Bot.Quiz;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bot.Host.Hosting;

/// <summary>The composition root: configuration layers, logging, and every module's <c>AddXxx</c>.</summary>
internal static class BotHostFactory
{
    /// <summary>Builds the host; throws <see cref="ConfigException"/> for a configuration file that is not JSON.</summary>
    public static IHost Build(HostSettings settings, Action<IServiceCollection>? overrides = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "bot",
            ContentRootPath = AppContext.BaseDirectory,
        });
        BotConfiguration.Load(builder.Configuration, settings);
        ConfigureLogging(builder.Logging, builder.Configuration);

        var dataDirectory = settings.ResolveDataDirectory();
        builder.Services.Configure<StorageOptions>(o => o.DataDirectory = dataDirectory);
        builder.Services.AddBotCore();
        // Read here as well as bound: the choice decides what is registered (the store, Quartz's job store).
        var store = builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        if (store.IsPostgres)
        {
            builder.Services.AddPostgresStore();
        }

        if (settings.Scope == HostScope.Packages)
        {
            // A package lookup or a sync: no embedding model, scheduler, endpoint or platform.
            builder.Services.AddPackagesModule();
        }
        else
        {
            builder.Services.AddHostModule(dataDirectory, store);
            builder.Services.AddKnowledgeModule();
            builder.Services.AddQuizModule();
            builder.Services.AddPackagesModule();
            builder.Services.AddNewsModule();
            builder.Services.AddMatrixPlatform(builder.Configuration);
            builder.Services.AddDiscordPlatform(builder.Configuration);
        }

        overrides?.Invoke(builder.Services);
        return builder.Build();
    }

    private static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.AddConfiguration(configuration.GetSection("Logging"));
        // Logs go to stderr so that stdout carries only what the bot says (bot chat, bot ask --json).
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            });
        }
    }
}
