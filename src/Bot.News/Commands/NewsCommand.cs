using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.News.Polling;

namespace Bot.News.Commands;

/// <summary><c>/news subscribe|unsubscribe|list|test</c>.</summary>
internal sealed class NewsCommand(Subscriptions subscriptions) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("news", "RSS and Atom feeds posted into this channel")
    {
        Module = "News",
        Subcommands =
        [
            new CommandSpec("subscribe", "Post a feed's new items here (moderators)")
            {
                Permission = Permission.Moderator,
                Options =
                [
                    new OptionSpec("url", OptionKind.Text, "Feed URL or a preset, e.g. almalinux", Required: true) { MaxLength = 500 },
                    new OptionSpec("filter", OptionKind.Text, "Words or /regex/ to match, -word to exclude") { MaxLength = 300 },
                    new OptionSpec("template", OptionKind.Text, "e.g. {title} {link}; also {summary} {author} {date} {feed}") { MaxLength = 500 },
                ],
                Example = "/news subscribe almalinux filter:\"release -beta\"",
            },
            new CommandSpec("unsubscribe", "Stop posting a feed here (moderators)")
            {
                Permission = Permission.Moderator,
                Options = [new OptionSpec("url", OptionKind.Text, "Feed URL or preset", Required: true) { MaxLength = 500 }],
                Example = "/news unsubscribe almalinux",
            },
            new CommandSpec("list", "This channel's feeds and their state") { Example = "/news list" },
            new CommandSpec("test", "Fetch a feed and preview its newest item, saving nothing (moderators)")
            {
                // A fetch of up to News:MaxFeedMegabytes on a member's word is an open proxy: moderators
                // only, as subscribing is, and as MonitoRSS and Red's RSS cog keep their feed commands.
                Permission = Permission.Moderator,
                Options = [new OptionSpec("url", OptionKind.Text, "Feed URL or preset", Required: true) { MaxLength = 500 }],
                Example = "/news test https://almalinux.org/blog/feed.xml",
            },
        ],
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Subcommand switch
        {
            "subscribe" => await subscriptions.SubscribeAsync(call.Place, call.Caller, call.Text("url"), call.OptionalText("filter"), call.OptionalText("template"), cancellationToken).ConfigureAwait(false),
            "unsubscribe" => subscriptions.Unsubscribe(call.Place, call.Text("url")),
            "list" => subscriptions.List(call.Place),
            _ => await subscriptions.TestAsync(call.Text("url"), cancellationToken).ConfigureAwait(false),
        };
    }
}
