using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;

namespace Bot.Core.Tests.Support;

/// <summary>Command handlers with the shapes real modules declare, recording what they were given.</summary>
internal static class TestHandlers
{
    public static readonly Caller Member = new("u1", "Member", IsModerator: false);
    public static readonly Caller Moderator = new("u2", "Mod", IsModerator: true);
    public static readonly ChatAddress Place = new("console", "local", "test");

    public static readonly string[] Distros = ["alma9", "rocky9", "ol9"];

    public static RecordingHandler Compare() => new(new CommandSpec("compare", "Compare a package between two distros")
    {
        Module = "Packages",
        Options =
        [
            new OptionSpec("name", OptionKind.Text, "Package name", Required: true),
            new OptionSpec("from", OptionKind.Choice, "First distro", Required: true) { Choices = Distros },
            new OptionSpec("to", OptionKind.Choice, "Second distro", Required: true) { Choices = Distros },
        ],
        Example = "/compare openssl from:alma9 to:rocky9",
    });

    public static RecordingHandler Ask() => new(new CommandSpec("ask", "Ask a compatibility question")
    {
        Module = "Knowledge",
        Options = [new OptionSpec("question", OptionKind.Text, "Your question", Required: true) { TakesRest = true }],
        Example = "/ask what is ABI compatibility?",
    });

    public static RecordingHandler Quiz() => new(new CommandSpec("quiz", "Quiz rounds")
    {
        Module = "Quiz",
        Subcommands =
        [
            new CommandSpec("start", "Start a round")
            {
                Options =
                [
                    new OptionSpec("questions", OptionKind.Integer, "How many") { MinValue = 1, MaxValue = 20 },
                    new OptionSpec("category", OptionKind.Text, "Which category"),
                ],
            },
            new CommandSpec("schedule", "Schedule rounds")
            {
                Permission = Permission.Moderator,
                Options = [new OptionSpec("cron", OptionKind.Text, "When", Required: true), new OptionSpec("private", OptionKind.Boolean, "Quiet")],
            },
        ],
    });

    public static RecordingHandler Throwing() => new(new CommandSpec("boom", "Always fails") { Module = "Test" }, fail: true);
}

internal sealed class RecordingHandler(CommandSpec spec, bool fail = false) : ICommandHandler, IComponentHandler, IAutocompleteHandler
{
    public CommandSpec Spec { get; } = spec;

    public List<CommandInvocation> Calls { get; } = [];

    public Func<string, IReadOnlyList<string>> Completions { get; set; } = _ => [];

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        Calls.Add(call);
        return fail ? throw new InvalidOperationException("secret internal detail") : ValueTask.FromResult(Reply.Say("ok"));
    }

    public ValueTask<Reply> HandleComponentAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        Calls.Add(call);
        return ValueTask.FromResult(Reply.Say("pressed " + call.ComponentId));
    }

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Completions(partial));
}
