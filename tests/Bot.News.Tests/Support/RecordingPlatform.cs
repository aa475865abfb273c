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

    /// <summary>Channels that refuse every post for good, as Discord's 403/404 or Matrix's M_FORBIDDEN do.</summary>
    public ConcurrentDictionary<string, string> Refusing { get; } = new(StringComparer.Ordinal);

    /// <summary>Transient failures still to come, per channel.</summary>
    public ConcurrentDictionary<string, int> Failing { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> To(string channel) => [.. Visible.Where(v => v.To.Channel == channel).Select(v => v.Reply.Title ?? v.Reply.Text)];

    public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        Attempts++;
        if (Down)
        {
            return ValueTask.FromResult(PublishResult.Failed("platform unavailable"));
        }

        if (Refusing.TryGetValue(to.Channel, out var refusal))
        {
            return ValueTask.FromResult(PublishResult.Refused(refusal));
        }

        if (Failing.TryGetValue(to.Channel, out var left) && left > 0)
        {
            Failing[to.Channel] = left - 1;
            return ValueTask.FromResult(PublishResult.Failed("503 Service Unavailable"));
        }

        if (_byKey.TryAdd(idempotencyKey, reply))
        {
            _visible.Enqueue((to, reply));
        }

        return ValueTask.FromResult(PublishResult.Ok(idempotencyKey));
    }
}
