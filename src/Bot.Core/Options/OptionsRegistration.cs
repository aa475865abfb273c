using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Core.Options;

/// <summary>How every module binds its options: from one section, validated at start.</summary>
public static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it when
    /// the host starts, naming each bad or unknown key.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new SectionValidator<TOptions>(section, sp.GetService<IConfiguration>()));
        return services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateOnStart();
    }
}
