using System.Text;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Knowledge.Answers;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge.Commands;

/// <summary><c>/faq [topic]</c>: the list of entries, or one entry in full.</summary>
internal sealed class FaqCommand(KnowledgeBase knowledge, IOptions<KnowledgeOptions> options) : ICommandHandler, IAutocompleteHandler
{
    private static readonly OptionSpec Topic = new("topic", OptionKind.Text, "An entry id, e.g. rocky-vs-alma") { Autocomplete = true, MaxLength = 100 };

    public CommandSpec Spec { get; } = new("faq", "List the FAQ entries about the 2023 changes, or show one")
    {
        Module = "Knowledge",
        Options = [Topic],
        Example = "/faq rocky-vs-alma",
    };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var topic = call.OptionalText(Topic);
        return ValueTask.FromResult(topic is null ? List() : Show(topic));
    }

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken)
    {
        var found = knowledge.Corpus.Entries
            .Where(e => e.Id.Contains(partial, StringComparison.OrdinalIgnoreCase) || e.Title.Contains(partial, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Id.StartsWith(partial, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(e => e.Id)
            .ToList();
        return ValueTask.FromResult<IReadOnlyList<string>>(found);
    }

    private Reply List()
    {
        var text = new StringBuilder();
        foreach (var entry in knowledge.Corpus.Entries)
        {
            text.Append("- `").Append(entry.Id).Append("` ").AppendLine(entry.Title);
        }

        return new Reply
        {
            Title = $"FAQ: {knowledge.Corpus.Entries.Count} entries",
            Text = text.ToString().TrimEnd(),
            Footer = "/faq <id> shows one; /ask answers a question in your own words",
        };
    }

    private Reply Show(string topic)
    {
        var id = topic.Trim().ToLowerInvariant();
        var entry = knowledge.Corpus.Find(id);
        if (entry is null)
        {
            var near = Suggest.Nearest(id, knowledge.Corpus.Entries.Select(e => e.Id));
            var hint = near is null ? " Use /faq for the list, or /ask to ask in your own words." : $" Did you mean `/faq {near}`?";
            return Reply.Problem($"There is no FAQ entry `{id.Replace('`', '\'')}`.{hint}");
        }

        var answer = new KnowledgeAnswer(true, entry.Title, LocalAnswerer.Fit(entry.Paragraphs, options.Value.MaxAnswerLength - 400), entry.Sources, entry.Id, 1)
        {
            Related = entry.Related,
        };
        return AnswerReplies.ToReply(answer) with { Footer = $"questions this answers: {string.Join(" · ", entry.Questions.Take(3))}" };
    }
}
