using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Commands;

/// <summary>Every command of the whole bot, as the host registers them: each declared subcommand runs exactly one handler.</summary>
public sealed class DeclaredSubcommandsTests
{
    [Fact]
    public void EveryCommandWithSubcommands_BindsEachToExactlyOneHandler_AndNoHandlerIsUndeclared()
    {
        using var bot = new BuiltBot();
        var handlers = bot.Services.GetServices<ICommandHandler>().ToList();

        var withSubcommands = handlers.Where(h => h.Spec.Subcommands.Count > 0).ToList();
        Assert.Contains(withSubcommands, h => h.Spec.Name == "quiz");
        Assert.All(withSubcommands, handler =>
        {
            var declared = Assert.IsAssignableFrom<SubcommandHandler>(handler);
            Assert.Equal(declared.Spec.Subcommands.Select(s => s.Name), declared.Subcommands.Select(s => s.Spec.Name));
            Assert.Equal(declared.Subcommands.Count, declared.Subcommands.Select(s => s.Spec.Name.ToLowerInvariant()).Distinct().Count());
        });
        Assert.All(handlers.OfType<SubcommandHandler>(), h => Assert.NotEmpty(h.Spec.Subcommands));
    }

    [Fact]
    public async Task UndeclaredSubcommand_IsAProblem_NotAnotherSubcommandsRun()
    {
        using var bot = new BuiltBot();
        var news = bot.Services.GetServices<ICommandHandler>().OfType<SubcommandHandler>().Single(h => h.Spec.Name == "news");
        var place = new ChatAddress("console", "local", "console");
        var call = new CommandInvocation(news.Spec, new Caller("1", "mod", IsModerator: true), place) { Subcommand = "preview" };

        var reply = await news.HandleAsync(call, default);

        Assert.Contains("has no subcommand `preview`", reply.Text, StringComparison.Ordinal);
    }
}
