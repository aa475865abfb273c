using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.News.Polling;

namespace Bot.News.Commands;

/// <summary><c>/news subscribe|unsubscribe|list|test</c>.</summary>
internal sealed class NewsCommand : SubcommandHandler
{
    private static readonly OptionSpec SubscribeUrl = new("url", OptionKind.Text, "Feed URL or a preset, e.g. almalinux", Required: true) { MaxLength = 500 };
    private static readonly OptionSpec Filter = new("filter", OptionKind.Text, "Words or /regex/ to match, -word to exclude") { MaxLength = 300 };
    private static readonly OptionSpec Template = new("template", OptionKind.Text, "e.g. {title} {link}; also {summary} {author} {date} {feed}") { MaxLength = 500 };
    private static readonly OptionSpec Url = new("url", OptionKind.Text, "Feed URL or preset", Required: true) { MaxLength = 500 };

    public NewsCommand(Subscriptions subscriptions)
        : base(new CommandSpec("news", "RSS and Atom feeds posted into this channel") { Module = "News" })
    {
        Declare(
            new CommandSpec("subscribe", "Post a feed's new items here (moderators)")
            {
                Permission = Permission.Moderator,
                Options = [SubscribeUrl, Filter, Template],
                Example = "/news subscribe almalinux filter:\"release -beta\"",
            },
            async (call, cancellationToken) => await subscriptions.SubscribeAsync(
                call.Place, call.Caller, call.Text(SubscribeUrl), call.OptionalText(Filter), call.OptionalText(Template), cancellationToken).ConfigureAwait(false));
        Declare(
            new CommandSpec("unsubscribe", "Stop posting a feed here (moderators)") { Permission = Permission.Moderator, Options = [Url], Example = "/news unsubscribe almalinux" },
            call => subscriptions.Unsubscribe(call.Place, call.Text(Url)));
        Declare(new CommandSpec("list", "This channel's feeds and their state") { Example = "/news list" }, call => subscriptions.List(call.Place));
        Declare(
            new CommandSpec("test", "Fetch a feed and preview its newest item, saving nothing (moderators)")
            {
                // A fetch of up to News:MaxFeedMegabytes on a member's word is an open proxy: moderators
                // only, as subscribing is, and as MonitoRSS and Red's RSS cog keep their feed commands.
                Permission = Permission.Moderator,
                Options = [Url],
                Example = "/news test https://almalinux.org/blog/feed.xml",
            },
            async (call, cancellationToken) => await subscriptions.TestAsync(call.Text(Url), cancellationToken).ConfigureAwait(false));
    }
}
