using Bot.Core.Storage;
using Bot.Host.Hosting;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary>
/// Builds and starts the host for a verb, turns start-up failures into one clear line each and
/// an exit code, runs the verb's body and stops the host cleanly (SIGTERM and Ctrl-C included).
/// </summary>
internal static class HostRunner
{
    public static async Task<int> RunAsync(
        HostSettings settings,
        CliContext cli,
        Func<IServiceProvider, CancellationToken, Task<int>> body,
        Action<IServiceCollection>? overrides = null,
        HostStart start = HostStart.Everything)
    {
        IHost host;
        try
        {
            host = BotHostFactory.Build(settings, overrides);
        }
        catch (Exception ex) when (ConfigErrors.Describe(ex) is { } problems)
        {
            return await ReportAsync(cli, problems, ExitCodes.BadConfig).ConfigureAwait(false);
        }

        using (host)
        {
            try
            {
                // Validate before StartAsync, which would log a stack trace for a bad option.
                host.Services.GetRequiredService<IStartupValidator>().Validate();
                if (start == HostStart.Nothing)
                {
                    // Checking the configuration needs no store, platform or job.
                    return await body(host.Services, CancellationToken.None).ConfigureAwait(false);
                }

                if (start == HostStart.Lock)
                {
                    // One bot per data directory still holds; the store itself opens when first used.
                    host.Services.GetRequiredService<StoreLock>().AcquireSecured(
                        host.Services.GetRequiredService<IOptions<StorageOptions>>().Value,
                        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataDirectoryAccess)));
                }
                else
                {
                    // The store opens before anything starts, so its failures are words, not a host stack trace.
                    host.Services.GetRequiredService<IDocumentStore>().Open();
                    await host.StartAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ConfigErrors.Describe(ex) is { } problems)
            {
                return await ReportAsync(cli, [.. problems.Select(p => "invalid configuration: " + p)], ExitCodes.BadConfig).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex)
            {
                // The message names the server and what it said, never the connection string's password.
                return await ReportAsync(cli, [$"cannot open the {StoreOptions.Postgres} store: {ex.Message}"], ExitCodes.Failed).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var dataDirectory = settings.ResolveDataDirectory();
                return await ReportAsync(cli, [$"cannot open the store in {dataDirectory}: {ex.Message} (is another bot using this data directory?)"], ExitCodes.Failed).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is LiteException or ArgumentException or InvalidDataException or FormatException or OverflowException)
            {
                return await ReportAsync(cli, [Damaged(settings, ex)], ExitCodes.Failed).ConfigureAwait(false);
            }

            if (start == HostStart.Lock)
            {
                // No hosted service owns SIGTERM and Ctrl-C here: they cancel the verb's work directly.
                using var signals = new StopSignals();
                try
                {
                    return await body(host.Services, signals.Stopping).ConfigureAwait(false);
                }
                catch (LiteException ex)
                {
                    // The store opened only when the verb first needed it; its damage reads the same as at a start.
                    return await ReportAsync(cli, [Damaged(settings, ex)], ExitCodes.Failed).ConfigureAwait(false);
                }
            }

            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            try
            {
                return await body(host.Services, stopping).ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static string Damaged(HostSettings settings, Exception ex) =>
        $"the store {Path.Combine(settings.ResolveDataDirectory(), "bot.db")} is damaged ({ex.Message}); put a backup back with `bot data restore FILE --data-dir {settings.ResolveDataDirectory()}`";

    private static async Task<int> ReportAsync(CliContext cli, IReadOnlyList<string> problems, int code)
    {
        foreach (var problem in problems)
        {
            await cli.Error.WriteLineAsync("bot: " + problem).ConfigureAwait(false);
        }

        return code;
    }
}
