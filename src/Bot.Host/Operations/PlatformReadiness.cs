using Bot.Core.Chat;
using Bot.Core.Status;

namespace Bot.Host.Operations;

/// <summary>/readyz: every configured chat platform is connected.</summary>
internal sealed class PlatformReadiness(IEnumerable<IChatPlatform> platforms) : IReadinessCheck
{
    public string Name => "platforms";

    public (bool Ready, string Detail) Check()
    {
        var remote = platforms.Where(p => p.Name != PlatformNames.Console).ToList();
        var down = remote.Where(p => !p.IsConnected).Select(p => p.Stopped is { } why ? $"{p.Name} (stopped: {why})" : p.Name).ToList();
        return down.Count == 0
            ? (true, remote.Count == 0 ? "no chat platform configured" : string.Join(", ", remote.Select(p => p.Name)) + " connected")
            : (false, "not connected: " + string.Join(", ", down));
    }
}
