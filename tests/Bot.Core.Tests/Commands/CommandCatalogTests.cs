using Bot.Core.Commands;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Commands;

public sealed class CommandCatalogTests
{
    [Theory]
    [InlineData("Compare")]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("a-name-that-is-far-too-long-for-discord")]
    public void Build_NameBreaksDiscordRules_Throws(string name)
    {
        var handler = new RecordingHandler(new CommandSpec(name, "desc"));

        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([handler]));
    }

    [Fact]
    public void Build_RequiredOptionAfterOptional_Throws()
    {
        var handler = new RecordingHandler(new CommandSpec("x", "desc")
        {
            Options = [new OptionSpec("a", OptionKind.Text, "a"), new OptionSpec("b", OptionKind.Text, "b", Required: true)],
        });

        var error = Assert.Throws<InvalidOperationException>(() => new CommandCatalog([handler]));
        Assert.Contains("follows an optional one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SameCommandTwice_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([TestHandlers.Ask(), TestHandlers.Ask()]));
    }

    [Fact]
    public void Commands_AreOrderedByModuleThenName()
    {
        var catalog = new CommandCatalog([TestHandlers.Quiz(), TestHandlers.Compare(), TestHandlers.Ask()]);

        Assert.Equal(["ask", "compare", "quiz"], catalog.Commands.Select(c => c.Name));
        Assert.Same(catalog.Find("COMPARE")!.Spec, catalog.Commands[1]);
    }
}

public sealed class CommandAliasTests
{
    [Fact]
    public void Find_Alias_ReturnsTheCommand()
    {
        var handler = new RecordingHandler(new CommandSpec("answer", "Answer") { Aliases = ["a"] });

        var catalog = new CommandCatalog([handler]);

        Assert.Same(handler, catalog.Find("A"));
        Assert.Single(catalog.Commands);
    }

    [Fact]
    public void Build_AliasEqualToACommand_Throws()
    {
        var answer = new RecordingHandler(new CommandSpec("answer", "Answer") { Aliases = ["ask"] });

        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([answer, TestHandlers.Ask()]));
    }
}
