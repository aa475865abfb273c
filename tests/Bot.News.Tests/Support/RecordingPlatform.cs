using System.Collections.Concurrent;
using Bot.Core.Chat;
using Bot.Core.Replies;

namespace Bot.News.Tests.Support;

/// <summary>
/// A publisher that behaves like a chat platform with idempotency (Discord's nonce, Matrix's txnId):
/// a second send with the same key does not make a second visible message.
/// </summary>
internal sealed class RecordingPlatform : IChatPublisher
{
    private readonly ConcurrentDictionary<string, Reply> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(ChatAddress To, Reply Reply)> _visible = new();

    public IReadOnlyList<(ChatAddress To, Reply Reply)> Visible => [.. _visible];

    public int Attempts { get; private set; }

    public bool Down { get; set; }

    public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        Attempts++;
        if (Down)
        {
            return ValueTask.FromResult(PublishResult.Failed("platform unavailable"));
        }

        if (_byKey.TryAdd(idempotencyKey, reply))
        {
            _visible.Enqueue((to, reply));
        }

        return ValueTask.FromResult(PublishResult.Ok(idempotencyKey));
    }
}
