using Bot.Core.Storage;

namespace Bot.News.Storage;

/// <summary>A channel's subscription to a feed, with its polling state.</summary>
internal sealed class SubscriptionDocument : IStoredDocument
{
    public string Id { get; set; } = "";

    /// <summary><c>channel-key|url</c>, unique: a channel subscribes to a feed once.</summary>
    public string Key { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Server { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Url { get; set; } = "";

    public string FeedTitle { get; set; } = "";

    public string? Filter { get; set; }

    public string? Template { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public bool Paused { get; set; }

    public int Failures { get; set; }

    public DateTime? LastSuccess { get; set; }

    public string? LastError { get; set; }

    public DateTime NextPoll { get; set; }

    public string? ETag { get; set; }

    public string? LastModified { get; set; }
}

/// <summary>An item a subscription has seen (posted or filtered out); its id is <c>subscription|item-key</c>.</summary>
internal sealed class SeenDocument : IStoredDocument
{
    public string Id { get; set; } = "";

    public string SubscriptionId { get; set; } = "";

    public DateTime At { get; set; }
}

/// <summary>
/// A post the bot has decided to make, written in the same transaction that marks its item seen,
/// and marked sent after the platform accepted it. Its id is derived from what it posts (see
/// <see cref="Polling.OutboxIds"/>) and is the idempotency key the platform sees on every attempt, so a
/// crash at any point neither loses nor doubles the post (within the platform's dedup window).
/// </summary>
internal sealed class OutboxDocument : IStoredDocument
{
    public string Id { get; set; } = "";

    public long Order { get; set; }

    public string Platform { get; set; } = "";

    public string Server { get; set; } = "";

    public string Channel { get; set; } = "";

    public string? Title { get; set; }

    public string Text { get; set; } = "";

    public string? Link { get; set; }

    public string? Footer { get; set; }

    public bool Sent { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The subscription whose item this is, if any: what pauses when the channel refuses it for good.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>The announcement this posts, if any: marked posted in the transaction that marks this sent.</summary>
    public string? AnnouncementId { get; set; }

    /// <summary>Failed tries so far; the next one waits longer (see <see cref="Polling.DeliveryBackoff"/>).</summary>
    public int Attempts { get; set; }

    /// <summary>Not tried before this time (UTC); stored so that a restart keeps the backoff.</summary>
    public DateTime NextAttempt { get; set; }

    /// <summary>Refused for good by the platform: not tried again until a moderator resumes its feed.</summary>
    public bool Parked { get; set; }

    public string? LastError { get; set; }

    /// <summary>The channel the post goes to: posts to one target go out in order, independently of other targets.</summary>
    public string TargetKey() => $"{Platform}|{Server}|{Channel}";
}

/// <summary>A moderator's announcement, posted now or at a set time.</summary>
internal sealed class AnnouncementDocument : IStoredDocument
{
    public string Id { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Server { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime At { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>The channel the moderator gave the command in, told if the target refuses the post for good.</summary>
    public string? FromChannel { get; set; }

    /// <summary>Set in the transaction that marks its outbox post sent, never before.</summary>
    public bool Posted { get; set; }

    /// <summary>Its channel refused the post for good; shown in /announce list until cancelled.</summary>
    public bool Paused { get; set; }

    public string? LastError { get; set; }
}
