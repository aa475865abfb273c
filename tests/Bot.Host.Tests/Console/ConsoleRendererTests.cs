using Bot.Core.Replies;
using Bot.Host.Console;

namespace Bot.Host.Tests.Console;

public sealed class ConsoleRendererTests
{
    [Fact]
    public void Render_FullReply_ShowsEveryPartInOrder()
    {
        var reply = new Reply
        {
            Title = "**openssl** in alma9",
            Link = new ReplyLink(new Uri("https://almalinux.org/")),
            Text = "Newest: `3.2.2-6.el9_5.1`, see [errata](https://errata.almalinux.org/)",
            Fields = [new ReplyField("Repo", "BaseOS"), new ReplyField("Sonames", "libssl.so.3\nlibcrypto.so.3")],
            Buttons = [new ReplyButton("x:1", "More")],
            Footer = "index 2 h old",
        };

        Assert.Equal(
            """
            openssl in alma9
            ----------------
            https://almalinux.org/
            Newest: `3.2.2-6.el9_5.1`, see errata <https://errata.almalinux.org/>
            Repo: BaseOS
            Sonames:
              libssl.so.3
              libcrypto.so.3
            [1] More
            (type /press N to press a button)
            — index 2 h old
            """.ReplaceLineEndings("\n"),
            ConsoleRenderer.Render(reply).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_Problem_IsMarked()
    {
        Assert.Equal("! nope", ConsoleRenderer.Render(Reply.Problem("nope")));
    }
}
