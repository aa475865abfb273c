using Polly;
using Polly.Retry;

namespace Bot.Core.Resilience;

/// <summary>
/// The bot's one way to try again: Polly's retry on the injected clock, doubling from a first wait
/// to a longest one with jitter (so that reconnecting instances spread out), and honouring a wait
/// that the failure names, even beyond the longest (<see cref="IRetryAfter"/>: Discord's retry_after,
/// a day's session starts used up).
/// Each use configures its own pipeline: what it retries, how often, and how long it waits.
/// </summary>
public static class Retries
{
    /// <summary>A pipeline that retries the failures <paramref name="retryable"/> accepts.</summary>
    /// <param name="time">The clock the waits run on.</param>
    /// <param name="plan">How long to wait and how often to try.</param>
    /// <param name="retryable">Whether a failure may pass; others propagate at once.</param>
    /// <param name="onRetry">Told of each failure about to be retried, with the wait and the attempt (from 1).</param>
    public static ResiliencePipeline Pipeline(TimeProvider time, RetryPlan plan, Func<Exception, bool> retryable, Action<Exception, TimeSpan, int>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(retryable);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(retryable),
                MaxRetryAttempts = plan.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = plan.First,
                MaxDelay = plan.Longest,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is IRetryAfter { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception!, args.RetryDelay, args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }
}

/// <summary>How a use of <see cref="Retries"/> waits: from <paramref name="First"/>, doubling to <paramref name="Longest"/>, at most <paramref name="Retries"/> times.</summary>
/// <param name="First">The wait before the first retry.</param>
/// <param name="Longest">The longest wait.</param>
/// <param name="Retries">How many retries; <see cref="int.MaxValue"/> for as long as the caller runs.</param>
public sealed record RetryPlan(TimeSpan First, TimeSpan Longest, int Retries = int.MaxValue);

/// <summary>A failure that says how long to wait before the next try.</summary>
public interface IRetryAfter
{
    /// <summary>The wait the other side asked for, or null to back off as planned.</summary>
    TimeSpan? RetryAfter { get; }
}
