using System.Globalization;
using Bot.Core.Rendering;
using Bot.Core.Replies;
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
            Id = Guid.NewGuid().ToString("N"),
            Platform = subscription.Platform,
            Server = subscription.Server,
            Channel = subscription.Channel,
            CreatedAt = now,
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

    public static Reply ToReply(OutboxDocument post) => new()
    {
        Title = post.Title,
        Text = post.Text,
        Link = post.Link is not null && Uri.TryCreate(post.Link, UriKind.Absolute, out var link) ? new ReplyLink(link) : null,
        Footer = post.Footer,
    };

    /// <summary>Feed text is data: Markdown in it shows literally.</summary>
    private static string Safe(string text) => MarkdownText.Escape(text);

    /// <summary>No post may ping a room or a server (see <see cref="MarkdownText.NeutraliseMentions"/>).</summary>
    internal static string Neutralise(string text) => MarkdownText.NeutraliseMentions(text);
}
