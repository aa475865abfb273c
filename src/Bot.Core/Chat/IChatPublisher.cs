using Bot.Core.Replies;

namespace Bot.Core.Chat;

/// <summary>
/// Posts a reply into a channel without a command to answer: scheduled quiz rounds, news items,
/// announcements. The host routes each post to the adapter named by <see cref="ChatAddress.Platform"/>.
/// </summary>
public interface IChatPublisher
{
    /// <summary>Posts <paramref name="reply"/> to <paramref name="to"/>.</summary>
    /// <param name="to">The channel.</param>
    /// <param name="reply">What to post.</param>
    /// <param name="idempotencyKey">
    /// A key that is the same on every retry of the same post (an outbox entry's id); adapters
    /// pass it to the platform (Discord nonce, Matrix txnId) so that a retry never doubles a post.
    /// </param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The outcome: posted with the platform's message id, or why not.</returns>
    ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a message posted earlier (a quiz question whose buttons must go once it closed).
    /// Platforms that cannot edit say so in the result; callers treat an edit as a nicety.
    /// </summary>
    /// <param name="to">The channel of the message.</param>
    /// <param name="messageId">The id <see cref="PublishAsync"/> returned.</param>
    /// <param name="reply">The new content; a reply without buttons removes them.</param>
    /// <param name="cancellationToken">Cancels the edit.</param>
    /// <returns>The outcome.</returns>
    ValueTask<PublishResult> EditAsync(ChatAddress to, string messageId, Reply reply, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PublishResult.Failed("editing messages is not supported here"));
}
