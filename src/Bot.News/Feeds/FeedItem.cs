namespace Bot.News.Feeds;

/// <summary>One item of a feed, in the terms posts and filters use.</summary>
internal sealed record FeedItem(string Key, string Title, Uri? Link, string Summary, string? Author, DateTimeOffset? Date, int Position);

/// <summary>A parsed feed: its title and items in document order.</summary>
internal sealed record Feed(string Title, IReadOnlyList<FeedItem> Items);

/// <summary>A document that is not a feed, or that a limit or rule rejects.</summary>
internal sealed class FeedException(string message, Exception? inner = null) : Exception(message, inner);
