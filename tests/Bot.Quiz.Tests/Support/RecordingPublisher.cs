using System.Collections.Concurrent;
using Bot.Core.Chat;
using Bot.Core.Replies;

namespace Bot.Quiz.Tests.Support;

/// <summary>Keeps every post, and lets a test wait until a post matching a condition has arrived.</summary>
internal sealed class RecordingPublisher : IChatPublisher
{
    private readonly ConcurrentQueue<(ChatAddress To, Reply Reply, string Key)> _posts = new();

    private readonly ConcurrentQueue<(string MessageId, Reply Reply)> _edits = new();

    public IReadOnlyList<(ChatAddress To, Reply Reply, string Key)> Posts => [.. _posts];

    /// <summary>Edits of earlier posts; a post's message id here is its idempotency key.</summary>
    public IReadOnlyList<(string MessageId, Reply Reply)> Edits => [.. _edits];

    private readonly ConcurrentQueue<PublishResult> _outcomes = new();

    private int _failuresLeft;

    /// <summary>Outcomes the next posts get instead of being posted, as a platform answers them.</summary>
    public void FailNext(params PublishResult[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _outcomes.Enqueue(outcome);
        }
    }

    /// <summary>Every post attempt's key, including failed ones, in order.</summary>
    public IReadOnlyList<string> Attempts => [.. _attempts];

    private readonly ConcurrentQueue<string> _attempts = new();

    /// <summary>How many of the next posts throw instead of posting, as a broken platform client would.</summary>
    public int ThrowingPosts
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(idempotencyKey);
        if (TakeFailure())
        {
            throw new InvalidOperationException($"The test publisher refuses {idempotencyKey}.");
        }

        if (_outcomes.TryDequeue(out var outcome))
        {
            return ValueTask.FromResult(outcome);
        }

        _posts.Enqueue((to, reply, idempotencyKey));
        return ValueTask.FromResult(PublishResult.Ok(idempotencyKey));
    }

    public ValueTask<PublishResult> EditAsync(ChatAddress to, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        _edits.Enqueue((messageId, reply));
        return ValueTask.FromResult(PublishResult.Ok(messageId));
    }

    private bool TakeFailure()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _failuresLeft);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) != left);

        return true;
    }

    public async Task<Reply> WaitForAsync(Func<Reply, bool> match, int skip = 0)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Posts.Select(p => p.Reply).Where(match).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    public Task<Reply> WaitForTitleAsync(string start, int skip = 0) =>
        WaitForAsync(r => r.Title?.StartsWith(start, StringComparison.Ordinal) == true, skip);
}
