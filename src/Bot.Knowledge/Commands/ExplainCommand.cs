using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Knowledge.Answers;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge.Commands;

/// <summary><c>/explain topic</c>: the corpus's explanation entries, offered as choices.</summary>
internal sealed class ExplainCommand : ICommandHandler
{
    private readonly KnowledgeBase _knowledge;
    private readonly int _maxLength;
    private readonly OptionSpec _topic;

    public ExplainCommand(KnowledgeBase knowledge, IOptions<KnowledgeOptions> options)
    {
        _knowledge = knowledge;
        _maxLength = options.Value.MaxAnswerLength;
        var topics = knowledge.Corpus.Explanations.Select(e => e.Id).Take(25).ToList();
        _topic = topics.Count > 0
            ? new OptionSpec("topic", OptionKind.Choice, "What to explain", Required: true) { Choices = topics }
            : new OptionSpec("topic", OptionKind.Text, "What to explain", Required: true);
        Spec = new CommandSpec("explain", "Explain a concept: 1:1 vs ABI, bug-for-bug, API vs ABI, kABI, CentOS Stream, OpenELA")
        {
            Module = "Knowledge",
            Options = [_topic],
            Example = topics.Count > 0 ? $"/explain {topics[0]}" : "/explain abi-compatibility",
        };
    }

    public CommandSpec Spec { get; }

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var entry = _knowledge.Corpus.Find(call.Text(_topic));
        if (entry is null)
        {
            return ValueTask.FromResult(Reply.Problem($"There is no explanation of `{call.Text(_topic)}`; try /help explain."));
        }

        var answer = new KnowledgeAnswer(true, entry.Title, LocalAnswerer.Fit(entry.Paragraphs, _maxLength - 400), entry.Sources, entry.Id, 1)
        {
            Related = entry.Related,
        };
        return ValueTask.FromResult(AnswerReplies.ToReply(answer) with { Footer = $"/faq {entry.Id}" });
    }
}
