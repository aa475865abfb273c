using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.News.Announcements;

namespace Bot.News.Commands;

/// <summary><c>/announce send|list|cancel</c> (moderators).</summary>
internal sealed class AnnounceCommand : SubcommandHandler
{
    private static readonly OptionSpec Text = new("text", OptionKind.Text, "The announcement", Required: true) { TakesRest = true, MaxLength = 2000 };
    private static readonly OptionSpec At = new("at", OptionKind.Text, "When: in 30m, in 2h, in 1d, 2026-12-01T18:00Z (UTC)") { MaxLength = 40 };
    private static readonly OptionSpec Channel = new("channel", OptionKind.Channel, "Another channel of this server");
    private static readonly OptionSpec Id = new("id", OptionKind.Text, "Its id from /announce list", Required: true) { MaxLength = 20 };

    public AnnounceCommand(Announcer announcer)
        : base(new CommandSpec("announce", "Post an announcement now or at a set time (moderators)") { Module = "News", Permission = Permission.Moderator })
    {
        Declare(
            new CommandSpec("send", "Announce now, or at a time") { Options = [Text, At, Channel], Example = "/announce send AlmaLinux 9.7 is out at:\"in 2h\"" },
            async (call, cancellationToken) => await announcer.CreateAsync(
                call.Place, call.Caller, call.Text(Text), call.OptionalText(At), call.OptionalText(Channel), cancellationToken).ConfigureAwait(false));
        Declare(new CommandSpec("list", "Announcements waiting to be posted") { Example = "/announce list" }, call => announcer.List(call.Place));
        Declare(
            new CommandSpec("cancel", "Cancel a waiting announcement") { Options = [Id], Example = "/announce cancel a1b2c3" },
            async (call, cancellationToken) => await announcer.CancelAsync(call.Text(Id), cancellationToken).ConfigureAwait(false));
    }
}
