namespace Bot.News.Storage;

/// <summary>A channel's subscription to a feed, with its polling state.</summary>
internal sealed class SubscriptionDocument
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
internal sealed class SeenDocument
{
    public string Id { get; set; } = "";

    public string SubscriptionId { get; set; } = "";

    public DateTime At { get; set; }
}

/// <summary>
/// A post the bot has decided to make, written in the same transaction that marks its item seen,
/// and marked sent after the platform accepted it. Its id is the idempotency key the platform
/// sees on every attempt, so a crash at any point neither loses nor doubles the post.
/// </summary>
internal sealed class OutboxDocument
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
}

/// <summary>A moderator's announcement, posted now or at a set time.</summary>
internal sealed class AnnouncementDocument
{
    public string Id { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Server { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime At { get; set; }

    public string CreatedBy { get; set; } = "";

    public bool Posted { get; set; }
}
