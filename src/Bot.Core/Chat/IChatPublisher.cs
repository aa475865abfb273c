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
}
