using System.Reflection;

namespace Bot.Host.Hosting;

/// <summary>Facts about this process for <c>/about</c>.</summary>
internal sealed class BotInfo(TimeProvider clock, string dataDirectory)
{
    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    public string DataDirectory { get; } = dataDirectory;

    public static string Version { get; } =
        typeof(BotInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public TimeSpan Uptime => clock.GetUtcNow() - StartedAt;
}
