using System.ComponentModel.DataAnnotations;

namespace Bot.News;

/// <summary>Settings of the News module (section <c>News</c>).</summary>
public sealed class NewsOptions : IValidatableObject
{
    public const string Section = "News";

    /// <summary>How often feeds are polled (5 s at least, so that tests run fast).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Consecutive failures after which a subscription pauses and its channel is told.</summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 10;

    /// <summary>
    /// Posts one feed may make per poll (its newest items); the older new items beyond it are marked seen and summed up in one line,
    /// so a feed that rewrites its GUIDs cannot flood its channel.
    /// </summary>
    [Range(1, 50)]
    public int MaxPostsPerPoll { get; set; } = 5;

    /// <summary>The largest feed document, in MB.</summary>
    [Range(1, 100)]
    public int MaxFeedMegabytes { get; set; } = 10;

    /// <summary>Timeout of one fetch.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What the first fetch of a new subscription posts: nothing (silent) or the newest item.</summary>
    [RegularExpression("^(silent|newest)$", ErrorMessage = "must be silent or newest")]
    public string FirstFetch { get; set; } = "silent";

    /// <summary>The shortest time between two requests to one host.</summary>
    public TimeSpan HostPoliteness { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Feeds one channel may be subscribed to.</summary>
    [Range(1, 500)]
    public int MaxFeedsPerChannel { get; set; } = 20;

    /// <summary>Announcements waiting to be posted, per server.</summary>
    [Range(1, 1000)]
    public int MaxPendingAnnouncements { get; set; } = 50;

    /// <summary>
    /// Lets feeds live on loopback, private or link-local addresses. Off by default, because any chat member can
    /// name a feed URL; turn it on only for a self-hosted bot that reads feeds on its own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Feeds by name, usable as <c>/news subscribe almalinux</c>.</summary>
    public Dictionary<string, string> Presets { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromSeconds(5))
        {
            yield return new ValidationResult("must be at least 00:00:05", [nameof(PollInterval)]);
        }

        foreach (var (name, url) in Presets)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                yield return new ValidationResult($"'{url}' must be an absolute http(s) URL", [$"Presets:{name}"]);
            }
        }
    }
}
