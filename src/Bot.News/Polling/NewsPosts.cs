using System.Globalization;
using Bot.Core.Rendering;
using Bot.Core.Replies;
using Bot.Core.Text;
using Bot.News.Feeds;
using Bot.News.Storage;

namespace Bot.News.Polling;

/// <summary>How a feed item becomes a post: the default layout, or the subscription's template.</summary>
internal static class NewsPosts
{
    public const int SummaryLength = 300;

    public static OutboxDocument Item(SubscriptionDocument subscription, FeedItem item, DateTime now)
    {
        var date = item.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var summary = Html.Clip(item.Summary, SummaryLength);
        var post = new OutboxDocument
        {
            Id = OutboxIds.ForItem(subscription.Id, item.Key),
            SubscriptionId = subscription.Id,
            Platform = subscription.Platform,
            Server = subscription.Server,
            Channel = subscription.Channel,
            CreatedAt = now,
            NextAttempt = now,
            Link = item.Link?.ToString(),
        };
        if (subscription.Template is { Length: > 0 } template)
        {
            post.Text = Neutralise(template
                .Replace("{title}", Safe(item.Title), StringComparison.Ordinal)
                .Replace("{link}", item.Link?.ToString() ?? "", StringComparison.Ordinal)
                .Replace("{summary}", Safe(summary), StringComparison.Ordinal)
                .Replace("{author}", Safe(item.Author ?? ""), StringComparison.Ordinal)
                .Replace("{date}", date, StringComparison.Ordinal)
                .Replace("{feed}", Safe(subscription.FeedTitle), StringComparison.Ordinal));
            post.Link = null;
            return post;
        }

        post.Title = Neutralise(Safe(item.Title));
        post.Text = Neutralise(Safe(summary));
        post.Footer = Neutralise(string.Join(" · ", new[] { Safe(subscription.FeedTitle), item.Author is null ? null : Safe(item.Author), date }.Where(p => !string.IsNullOrEmpty(p))));
        return post;
    }

    /// <summary>The one line that stands for the items a poll did not post (over <see cref="NewsOptions.MaxPostsPerPoll"/>).</summary>
    public static OutboxDocument More(SubscriptionDocument subscription, IEnumerable<string> itemKeys, int count, DateTime now) => new()
    {
        Id = OutboxIds.ForSummary(subscription.Id, itemKeys),
        SubscriptionId = subscription.Id,
        Platform = subscription.Platform,
        Server = subscription.Server,
        Channel = subscription.Channel,
        CreatedAt = now,
        NextAttempt = now,

        // The masked URL: a feed's credentials must not be shown to the channel.
        Text = Neutralise($"…and {count} more new item{(count == 1 ? "" : "s")}: {UrlRedaction.Mask(subscription.Url)}"),
    };

    /// <summary>Tells the channel an announcement was given in that its target refused it for good.</summary>
    public static OutboxDocument RefusedNotice(AnnouncementDocument announcement, string fromChannel, string error, DateTime now) => new()
    {
        Id = OutboxIds.ForNotice(announcement.Id, now),
        Platform = announcement.Platform,
        Server = announcement.Server,
        Channel = fromChannel,
        CreatedAt = now,
        NextAttempt = now,
        Title = "Announcement not posted",
        Text = Neutralise($"{announcement.Channel} refused announcement `{announcement.Id}` ({MarkdownText.Literal(error)}), so I stopped trying. " +
            "Give me access there and send it again, or `/announce cancel` it."),
    };

    public static Reply ToReply(OutboxDocument post) => new()
    {
        Title = post.Title,
        // LiteDB reads an empty string back as null (BsonMapper.EmptyStringToNull): an item without a summary
        // came back with a null Text, which the Matrix renderer dereferenced, so that item and every later post
        // of its channel failed on each poll.
        Text = post.Text ?? "",
        Link = post.Link is not null && Uri.TryCreate(post.Link, UriKind.Absolute, out var link) ? new ReplyLink(link) : null,
        Footer = post.Footer,
    };

    /// <summary>Feed text is data: Markdown in it shows literally.</summary>
    private static string Safe(string text) => MarkdownText.Escape(text);

    /// <summary>No post may ping a room or a server (see <see cref="MarkdownText.NeutraliseMentions"/>).</summary>
    internal static string Neutralise(string text) => MarkdownText.NeutraliseMentions(text);
}
