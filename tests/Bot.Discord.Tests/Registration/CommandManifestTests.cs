using Bot.Core.Commands;
using Bot.Discord.Registration;

namespace Bot.Discord.Tests.Registration;

public sealed class CommandManifestTests
{
    [Fact]
    public void Options_MapToDiscordsOptionTypesWithTheirBounds()
    {
        var spec = new CommandSpec("quiz", "Quiz")
        {
            Subcommands =
            [
                new CommandSpec("start", "Start")
                {
                    Options =
                    [
                        new OptionSpec("questions", OptionKind.Integer, "How many") { MinValue = 1, MaxValue = 20 },
                        new OptionSpec("level", OptionKind.Choice, "Level") { Choices = ["easy", "hard"] },
                        new OptionSpec("topic", OptionKind.Text, "Topic") { Autocomplete = true, MaxLength = 9000 },
                        new OptionSpec("loud", OptionKind.Boolean, "Loud"),
                        new OptionSpec("where", OptionKind.Channel, "Where"),
                    ],
                },
            ],
        };

        var start = CommandManifest.Build([spec])[0]!["options"]![0]!;
        var options = start["options"]!.AsArray();

        Assert.Equal(1, (int?)start["type"]);
        Assert.Equal([4, 3, 3, 5, 7], options.Select(o => (int)o!["type"]!));
        Assert.Equal([0, 5], options[4]!["channel_types"]!.AsArray().Select(t => (int)t!));
        Assert.Equal((1, 20), ((long)options[0]!["min_value"]!, (long)options[0]!["max_value"]!));
        Assert.Equal(["easy", "hard"], options[1]!["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.True((bool?)options[2]!["autocomplete"]);
        Assert.Equal(6000, (int?)options[2]!["max_length"]);
    }

    [Fact]
    public void MoreCommandsThanDiscordAllows_AreRefusedBeforeSending()
    {
        var specs = Enumerable.Range(0, 101).Select(i => new CommandSpec($"c{i}", "A command"));

        var error = Assert.Throws<InvalidOperationException>(() => CommandManifest.Build(specs));

        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandOver8000Characters_IsRefusedNamingIt()
    {
        var options = Enumerable.Range(0, 25).Select(i => new OptionSpec($"o{i}", OptionKind.Choice, new string('d', 100)) { Choices = [.. Enumerable.Range(0, 25).Select(c => $"choice-{c}-{new string('x', 10)}")] }).ToList();
        var spec = new CommandSpec("huge", "Huge") { Options = options };

        var error = Assert.Throws<InvalidOperationException>(() => CommandManifest.Build([spec]));

        Assert.Contains("/huge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_ChangesWhenTheCatalogChangesAndOnlyThen()
    {
        var one = CommandManifest.Hash(CommandManifest.Build([new CommandSpec("a", "A")]));
        var same = CommandManifest.Hash(CommandManifest.Build([new CommandSpec("a", "A")]));
        var other = CommandManifest.Hash(CommandManifest.Build([new CommandSpec("a", "A, reworded")]));

        Assert.Equal(one, same);
        Assert.NotEqual(one, other);
    }
}
