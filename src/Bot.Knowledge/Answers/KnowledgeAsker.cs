namespace Bot.Knowledge.Answers;

internal sealed class KnowledgeAsker(AskService ask) : IKnowledgeAsker
{
    public async Task<AskResult> AskAsync(string? question, CancellationToken cancellationToken)
    {
        var answer = await ask.AskAsync(question, cancellationToken).ConfigureAwait(false);
        return new AskResult(answer.Answered, answer.Text, [.. answer.Sources.Select(s => s.OriginalString)], answer.EntryId,
            Math.Round(answer.Score, 4), AnswerReplies.ToReply(answer));
    }
}
