using Bot.Core.Replies;

namespace Bot.Knowledge.Answers;

/// <summary>Turns a knowledge answer into the platform-neutral reply every adapter renders.</summary>
internal static class AnswerReplies
{
    public static Reply ToReply(KnowledgeAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.IsUsageProblem)
        {
            return Reply.Problem(answer.Text);
        }

        if (!answer.Answered)
        {
            return Reply.Say(answer.Text);
        }

        var fields = new List<ReplyField>();
        if (answer.Sources.Count > 0)
        {
            fields.Add(new ReplyField("Sources", string.Join("\n", answer.Sources.Select(s => s.OriginalString))));
        }

        if (answer.Related.Count > 0)
        {
            fields.Add(new ReplyField("Related", string.Join(", ", answer.Related.Select(r => $"`{r}`"))));
        }

        return new Reply
        {
            Title = answer.Title,
            Text = answer.Text,
            Fields = fields,
            Footer = answer.ComposedByModel
                ? $"composed by a language model from /faq {answer.EntryId} · check the sources"
                : $"/faq {answer.EntryId} · match {answer.Score:P0}",
        };
    }
}
