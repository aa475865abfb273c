using Bot.Core.Chat;
using Bot.Core.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Matrix;

/// <summary>Registers the Matrix adapter when <c>Matrix:HomeserverUrl</c> is set.</summary>
public static class MatrixModule
{
    public static IServiceCollection AddMatrixPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<MatrixOptions>(MatrixOptions.Section);
        if (string.IsNullOrWhiteSpace(configuration[$"{MatrixOptions.Section}:HomeserverUrl"]))
        {
            return services;
        }

        services.AddSingleton(sp => new MatrixClient(new HttpClient { Timeout = TimeSpan.FromMinutes(3) }, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<MatrixStore>();
        services.AddSingleton<PowerLevels>();
        services.AddSingleton<MatrixAdapter>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<MatrixAdapter>());
        services.AddSingleton<IChannelAuthority, MatrixChannelAuthority>();
        services.AddSingleton<IHostedService>(sp =>
        {
            var adapter = sp.GetRequiredService<MatrixAdapter>();
            var time = sp.GetRequiredService<TimeProvider>();
            Bot.Core.Diagnostics.BotMetrics.Gauge("bot.matrix.sync_lag", "s", "Seconds since the last handled Matrix sync batch", () =>
                adapter.LastSync is { } last ? [new System.Diagnostics.Metrics.Measurement<double>((time.GetUtcNow() - last).TotalSeconds)] : []);
            return adapter;
        });
        return services;
    }
}
