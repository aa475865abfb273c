using Bot.Core.Replies;

namespace Bot.Core.Chat;

/// <summary>An adapter that can post into its own platform's channels; the host's publisher routes to it.</summary>
public interface IChatPlatform
{
    /// <summary>The platform name used in <see cref="ChatAddress.Platform"/>.</summary>
    string Name { get; }

    /// <summary>Whether the adapter is connected and able to post now.</summary>
    bool IsConnected { get; }

    /// <summary>Why the adapter stopped for good (a refused token, say), for /about and /readyz; null while it runs or retries.</summary>
    string? Stopped => null;

    /// <summary>Posts a reply into one of this platform's channels.</summary>
    /// <param name="to">The channel.</param>
    /// <param name="reply">What to post.</param>
    /// <param name="idempotencyKey">The same on every retry of the same post.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The outcome.</returns>
    ValueTask<PublishResult> PostAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Replaces a message this adapter posted; adapters that cannot edit keep this default.</summary>
    /// <param name="to">The channel of the message.</param>
    /// <param name="messageId">The platform's id of the message.</param>
    /// <param name="reply">The new content; without buttons, the old ones go.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    /// <returns>The outcome.</returns>
    ValueTask<PublishResult> EditAsync(ChatAddress to, string messageId, Reply reply, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PublishResult.Failed($"{Name} cannot edit messages"));
}
