using Bot.Core.Commands;
using Bot.Core.Rendering;
using Bot.Core.Replies;

namespace Bot.Examples;

/// <summary><c>/hello [name]</c>: the smallest command. Its spec feeds Discord, Matrix, the console and /help.</summary>
public sealed class HelloCommand : ICommandHandler
{
    private static readonly OptionSpec Name = new("name", OptionKind.Text, "Who to greet") { MaxLength = 40 };

    public CommandSpec Spec { get; } = new("hello", "Say hello") { Options = [Name], Example = "/hello Alma" };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reply.Say($"Hello, {MarkdownText.Literal(call.OptionalText(Name) ?? call.Caller.DisplayName)}!"));
}
