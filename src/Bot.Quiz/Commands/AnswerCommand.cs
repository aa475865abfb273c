using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Quiz.Rounds;

namespace Bot.Quiz.Commands;

/// <summary><c>/answer B</c> (Matrix: <c>!a B</c>): answers the open quiz question in typed chats.</summary>
internal sealed class AnswerCommand(QuizEngine engine) : ICommandHandler
{
    private static readonly OptionSpec Letter = new("letter", OptionKind.Choice, "A, B, C, D or E", Required: true) { Choices = ["A", "B", "C", "D", "E"] };

    public CommandSpec Spec { get; } = new("answer", "Answer the open quiz question with its letter")
    {
        Module = "Quiz",
        Aliases = ["a"],
        Options = [Letter],
        Example = "/answer B",
    };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return ValueTask.FromResult(engine.Answer(call.Place, call.Caller, call.Text(Letter)));
    }
}
