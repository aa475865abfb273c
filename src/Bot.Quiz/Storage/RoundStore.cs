using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_rounds</c>: the rounds now running, one per channel.</summary>
internal sealed class RoundStore(IDocumentStore store)
{
    internal const string Collection = "quiz_rounds";

    private readonly IDocumentCollection<RoundDocument> _rounds = store.Collection<RoundDocument>(Collection);

    /// <summary>Stores a new round; false when the channel already has one (on any instance).</summary>
    public bool TryStart(RoundDocument round) => _rounds.TryInsert(round);

    public RoundDocument? Find(string channelKey) => _rounds.Find(channelKey);

    public IReadOnlyList<RoundDocument> All() => _rounds.All();

    public void Update(RoundDocument round) => _rounds.Update(round);

    /// <summary>Removes the channel's round if it is still <paramref name="roundId"/> (a newer one stays).</summary>
    public void End(string channelKey, string roundId) =>
        _rounds.DeleteWhere(new(FieldMatch.IdField, channelKey), new(nameof(RoundDocument.RoundId), roundId));
}
