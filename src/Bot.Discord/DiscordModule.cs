using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Storage;
using Bot.Core.Web;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Registration;
using Bot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>Registers the Discord adapter when <c>Discord:Token</c> (or TokenFile) is set.</summary>
public static class DiscordModule
{
    public static IServiceCollection AddDiscordPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DiscordOptions>(DiscordOptions.Section)
            .Validate(
                o => !o.IsConfigured || o.Mode != DiscordMode.Http || !string.IsNullOrWhiteSpace(configuration["Http:Urls"]),
                "Discord:Mode http needs Http:Urls (or --urls) for Discord to POST /interactions to");
        var section = configuration.GetSection(DiscordOptions.Section);
        if (string.IsNullOrWhiteSpace(section["Token"]) && string.IsNullOrWhiteSpace(section["TokenFile"]))
        {
            return services;
        }

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            return new RateLimits(sp.GetRequiredService<TimeProvider>(), o.GlobalRateLimit, o.InvalidRequestLimit);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            var token = new Lazy<string>(o.ResolveToken);
            return new DiscordRest(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, o.ApiBaseUrl, () => token.Value, sp.GetRequiredService<RateLimits>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DiscordRest>>());
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            var rest = sp.GetRequiredService<DiscordRest>();
            return new InteractionDispatcher(
                sp.GetRequiredService<CommandRouter>(),
                (token, message, ct) => rest.EditOriginalAsync(o.ApplicationId!, token, message, ct),
                o.InlineAnswerWindow,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<InteractionDispatcher>>());
        });
        services.AddSingleton(sp => new CommandRegistrar(
            sp.GetRequiredService<CommandCatalog>(),
            sp.GetRequiredService<DiscordRest>(),
            sp.GetRequiredService<IStateStore>(),
            sp.GetRequiredService<IOptions<DiscordOptions>>().Value.ApplicationId!,
            sp.GetRequiredService<ILogger<CommandRegistrar>>()));
        services.AddSingleton<IGatewayTransport, WebSocketTransport>();
        services.AddSingleton<DiscordAdapter>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<DiscordAdapter>());
        services.AddSingleton<IChannelAuthority>(sp => new DiscordChannelAuthority(sp.GetRequiredService<DiscordRest>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DiscordAdapter>());
        if (string.Equals(section["Mode"], nameof(DiscordMode.Http), StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(sp => new SignatureVerifier(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IWebhookEndpoint, InteractionHandler>();
        }

        return services;
    }

    /// <summary>Registers the commands now (<c>bot discord register</c>); returns how many were sent.</summary>
    public static Task<int> RegisterCommandsAsync(IServiceProvider services, string? guildId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrar = services.GetService<CommandRegistrar>()
            ?? throw new InvalidOperationException("Discord is not configured: set Discord__Token and Discord:ApplicationId.");
        return registrar.RegisterAsync(guildId, force: true, cancellationToken);
    }
}
