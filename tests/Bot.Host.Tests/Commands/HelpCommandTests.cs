using Bot.Core.Commands;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Commands;

public sealed class HelpCommandTests : IDisposable
{
    private readonly BotRun _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Help_ListsEveryCommandGroupedByModuleWithAnExample()
    {
        var (_, output, _) = await _bot.ChatAsync("/help\n", s => s.AddSingleton<ICommandHandler, ButtonCommand>());

        Assert.Contains("General\n- `/about` — Version, uptime, platforms and modules of this bot. e.g. `/about`", output, StringComparison.Ordinal);
        Assert.Contains("Test\n- `/pick` — Offers two buttons. e.g. `/pick`", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpForOneCommand_ShowsUsageOptionsAndExample()
    {
        var (_, output, _) = await _bot.ChatAsync("/help /help\n");

        Assert.Contains("Usage: `/help [command]`", output, StringComparison.Ordinal);
        Assert.Contains("- `command` (text, optional) A command to explain, e.g. compare", output, StringComparison.Ordinal);
        Assert.Contains("Example: `/help about`", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpForATypo_SuggestsTheCommand()
    {
        var (_, output, _) = await _bot.ChatAsync("/help abuot\n");

        Assert.Equal("! I don't know `/abuot` — did you mean `/about`? Try /help", output.Trim());
    }
}
