using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Status;
using Bot.Examples;
using Bot.Host.Tests.Support;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Docs;

/// <summary>docs/CONTRIBUTING.md's recipes, run inside the whole bot as a newcomer would add them.</summary>
public sealed class DocsExamplesTests
{
    private static readonly Caller Member = new("u1", "Rocky <b>Fan</b>", IsModerator: false);
    private static readonly ChatAddress Place = new(PlatformNames.Console, "local", "console");

    private static BuiltBot Bot() =>
        new(["Greeter:Word=Howdy"], services =>
        {
            services.AddSingleton<ICommandHandler, HelloCommand>();
            services.AddGreeterModule();
            services.AddEchoPlatform();
        });

    [Fact]
    public async Task HelloCommand_AnswersThroughTheRouter_WithTheNameGivenOrTheCallers()
    {
        using var bot = Bot();
        var router = bot.Services.GetRequiredService<CommandRouter>();

        var named = await router.RouteAsync(new CommandRequest("hello", Member, Place) { Options = new Dictionary<string, string> { ["name"] = "Alma" } }, default);
        var unnamed = await router.RouteAsync(new CommandRequest("hello", Member, Place), default);

        Assert.Equal("Hello, Alma!", named.Text);
        Assert.DoesNotContain("<b>", unnamed.Text, StringComparison.Ordinal);
        Assert.StartsWith("Hello, Rocky", unnamed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GreeterModule_ReadsItsOptions_RunsItsSubcommands_AndReportsInAbout()
    {
        using var bot = Bot();
        var router = bot.Services.GetRequiredService<CommandRouter>();

        var greeting = await router.RouteAsync(new CommandRequest("greet", Member, Place) { Subcommand = "everyone" }, default);
        var count = await router.RouteAsync(new CommandRequest("greet", Member, Place) { Subcommand = "count" }, default);

        Assert.Equal("Howdy, everyone!", greeting.Text);
        Assert.Equal("1 greetings so far.", count.Text);
        Assert.Contains(bot.Services.GetServices<IStatusReport>(), r => r.Name == "Greeter" && r.Lines()[0] == "1 greetings given");
    }

    [Fact]
    public async Task EchoPlatform_TakesTypedCommands_AndPostsTheReplies()
    {
        using var bot = Bot();
        var echo = bot.Services.GetRequiredService<EchoPlatform>();
        await echo.StartAsync(default);

        echo.Receive("just chatting", Member);
        echo.Receive("!hello Alma", Member);
        await Eventually.UntilAsync(() => !echo.Posted.IsEmpty);
        await echo.StopAsync(default);

        Assert.Equal("Hello, Alma!", Assert.Single(echo.Posted).Text);
        Assert.Contains(bot.Services.GetServices<IChatPlatform>(), p => p.Name == "echo");
    }

    [Fact]
    public void Contributing_ShowsEachExampleFile_AsItCompiles()
    {
        var docs = Path.Combine(RepoRoot.Path, "docs");
        var contributing = File.ReadAllText(Path.Combine(docs, "CONTRIBUTING.md"));

        Assert.All(Directory.GetFiles(Path.Combine(docs, "examples"), "*.cs"), file =>
            Assert.True(contributing.Contains(File.ReadAllText(file).TrimEnd(), StringComparison.Ordinal), $"CONTRIBUTING.md does not show {Path.GetFileName(file)} as it is"));
    }
}
