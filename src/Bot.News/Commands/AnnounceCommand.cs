using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.News.Announcements;

namespace Bot.News.Commands;

/// <summary><c>/announce send|list|cancel</c> (moderators).</summary>
internal sealed class AnnounceCommand(Announcer announcer) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("announce", "Post an announcement now or at a set time (moderators)")
    {
        Module = "News",
        Permission = Permission.Moderator,
        Subcommands =
        [
            new CommandSpec("send", "Announce now, or at a time")
            {
                Options =
                [
                    new OptionSpec("text", OptionKind.Text, "The announcement", Required: true) { TakesRest = true, MaxLength = 2000 },
                    new OptionSpec("at", OptionKind.Text, "When: in 30m, in 2h, in 1d, 2026-12-01T18:00Z (UTC)") { MaxLength = 40 },
                    new OptionSpec("channel", OptionKind.Channel, "Another channel of this server"),
                ],
                Example = "/announce send AlmaLinux 9.7 is out at:\"in 2h\"",
            },
            new CommandSpec("list", "Announcements waiting to be posted") { Example = "/announce list" },
            new CommandSpec("cancel", "Cancel a waiting announcement")
            {
                Options = [new OptionSpec("id", OptionKind.Text, "Its id from /announce list", Required: true) { MaxLength = 20 }],
                Example = "/announce cancel a1b2c3",
            },
        ],
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Subcommand switch
        {
            "send" => await announcer.CreateAsync(call.Place, call.Caller, call.Text("text"), call.OptionalText("at"), call.OptionalText("channel"), cancellationToken).ConfigureAwait(false),
            "list" => announcer.List(call.Place),
            _ => await announcer.CancelAsync(call.Text("id"), cancellationToken).ConfigureAwait(false),
        };
    }
}
