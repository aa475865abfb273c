using Bot.Core.Chat;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Hosting;

/// <summary>
/// Routes a module's post to the adapter of the address's platform. Adapters are looked up when a
/// post is made, not injected: an adapter depends on the router, whose modules depend on this
/// publisher, and a constructor cycle would deadlock the container. An adapter's fault becomes a
/// failed post here, so that a module never sees one platform's exception (one bad post stays one).
/// </summary>
internal sealed class PlatformPublisher(IServiceProvider services) : IChatPublisher
{
    private Dictionary<string, IChatPlatform>? _platforms;

    public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        return Platform(to) is { } platform
            ? Guarded(platform.PostAsync(to, reply, idempotencyKey, cancellationToken), cancellationToken)
            : ValueTask.FromResult(PublishResult.Failed($"no adapter for platform '{to.Platform}' is running"));
    }

    public ValueTask<PublishResult> EditAsync(ChatAddress to, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        return Platform(to) is { } platform
            ? Guarded(platform.EditAsync(to, messageId, reply, cancellationToken), cancellationToken)
            : ValueTask.FromResult(PublishResult.Failed($"no adapter for platform '{to.Platform}' is running"));
    }

    private static async ValueTask<PublishResult> Guarded(ValueTask<PublishResult> post, CancellationToken cancellationToken)
    {
        try
        {
            return await post.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Transient: the caller's own backoff decides when to try again.
            return PublishResult.Failed($"the adapter failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private IChatPlatform? Platform(ChatAddress to)
    {
        _platforms ??= services.GetServices<IChatPlatform>().ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        return _platforms.GetValueOrDefault(to.Platform);
    }
}
