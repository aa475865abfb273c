using Bot.Core.Chat;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Hosting;

/// <summary>
/// Routes a module's post to the adapter of the address's platform. Adapters are looked up when a
/// post is made, not injected: an adapter depends on the router, whose modules depend on this
/// publisher, and a constructor cycle would deadlock the container.
/// </summary>
internal sealed class PlatformPublisher(IServiceProvider services) : IChatPublisher
{
    private Dictionary<string, IChatPlatform>? _platforms;

    public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        return Platform(to) is { } platform
            ? platform.PostAsync(to, reply, idempotencyKey, cancellationToken)
            : ValueTask.FromResult(PublishResult.Failed($"no adapter for platform '{to.Platform}' is running"));
    }

    public ValueTask<PublishResult> EditAsync(ChatAddress to, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        return Platform(to) is { } platform
            ? platform.EditAsync(to, messageId, reply, cancellationToken)
            : ValueTask.FromResult(PublishResult.Failed($"no adapter for platform '{to.Platform}' is running"));
    }

    private IChatPlatform? Platform(ChatAddress to)
    {
        _platforms ??= services.GetServices<IChatPlatform>().ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        return _platforms.GetValueOrDefault(to.Platform);
    }
}
