using Bot.Core.Chat;
using Bot.Core.Replies;

namespace Bot.Host.Hosting;

/// <summary>Routes a module's post to the adapter of the address's platform.</summary>
internal sealed class PlatformPublisher(IEnumerable<IChatPlatform> platforms) : IChatPublisher
{
    private readonly Dictionary<string, IChatPlatform> _platforms =
        platforms.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        return _platforms.TryGetValue(to.Platform, out var platform)
            ? platform.PostAsync(to, reply, idempotencyKey, cancellationToken)
            : ValueTask.FromResult(PublishResult.Failed($"no adapter for platform '{to.Platform}' is running"));
    }
}
