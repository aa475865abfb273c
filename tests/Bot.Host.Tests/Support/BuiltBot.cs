using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Host.Tests.Support;

/// <summary>The whole bot's services as the host builds them, not started, on a throwaway data directory.</summary>
internal sealed class BuiltBot : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-built-");

    public BuiltBot(IReadOnlyList<string>? settings = null, Action<IServiceCollection>? overrides = null) =>
        Host = BotHostFactory.Build(new HostSettings(null, _data.FullName, settings ?? [], QuietLogs: true) { OneShot = true }, overrides);

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public void Dispose()
    {
        Host.Dispose();
        _data.Delete(recursive: true);
    }
}
