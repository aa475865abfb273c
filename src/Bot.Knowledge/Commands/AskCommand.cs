using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Knowledge.Answers;

namespace Bot.Knowledge.Commands;

internal sealed class AskCommand(AskService ask) : ICommandHandler
{
    private static readonly OptionSpec Question = new("question", OptionKind.Text, "Your question, in plain words", Required: true) { TakesRest = true, MaxLength = AskService.MaxQuestionLength };

    public CommandSpec Spec { get; } = new("ask", "Ask a question about Enterprise Linux compatibility")
    {
        Module = "Knowledge",
        Options = [Question],
        Example = "/ask what does ABI compatible mean?",
    };

    public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return AnswerReplies.ToReply(await ask.AskAsync(call.Text(Question), cancellationToken).ConfigureAwait(false));
    }
}
