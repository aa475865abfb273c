using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Bot.Host.Hosting;

/// <summary>
/// Layers the configuration: the embedded config/appsettings.json, then --config FILE, then
/// environment variables (Section__Key), then Section:Key=value arguments. A file that is not
/// JSON becomes a <see cref="ConfigException"/> naming the file and line.
/// </summary>
internal static class BotConfiguration
{
    public static string DefaultsPath => Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json");

    public static void Load(IConfigurationBuilder configuration, HostSettings settings)
    {
        AddJson(configuration, DefaultsPath);
        if (settings.QuietLogs)
        {
            // A person reading the chat wants the answers, not the start-up log; --config or the
            // environment can still turn it up.
            configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        }

        if (settings.ConfigFile is { } file)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                throw new ConfigException([$"config file {file} does not exist"]);
            }

            AddJson(configuration, full);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine([.. settings.ConfigArgs]);
        if (settings.OneShot)
        {
            // A one-shot verb (bot ask, bot pkg, bot repo sync) ends in seconds: a background sync
            // started beside it would only be cancelled at exit, or run beside the verb's own sync.
            configuration.AddInMemoryCollection([new("Packages:SyncOnStart", "false")]);
        }
    }

    private static void AddJson(IConfigurationBuilder configuration, string path)
    {
        try
        {
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            if (configuration is not IConfigurationRoot)
            {
                // A plain builder loads lazily; load now so that a broken file fails here.
                new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigException([Describe(path, ex)]);
        }
    }

    private static string Describe(string path, Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line } json)
            {
                var reason = json.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
                return $"{path}:{line + 1}: not valid JSON: {reason}";
            }
        }

        return $"{path}: not valid JSON: {ex.Message}";
    }
}
