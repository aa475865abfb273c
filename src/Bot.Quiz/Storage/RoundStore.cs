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

    /// <summary>Saves the round's progress, keeping a stop that another instance asked for meanwhile.</summary>
    public void Update(RoundDocument round) => store.InTransaction(() =>
    {
        if (_rounds.Find(round.Id) is { StopRequestedBy: { } by } stored && stored.RoundId == round.RoundId)
        {
            round.StopRequestedBy = by;
        }

        return _rounds.Update(round);
    });

    /// <summary>
    /// Runs <paramref name="record"/> while question <paramref name="index"/> of <paramref name="roundId"/>
    /// is open, with the round's row locked so that the close waits for it; null when it is not open.
    /// </summary>
    public T? WhileOpen<T>(string channelKey, string roundId, int index, Func<T> record)
        where T : class => store.InTransaction(() =>
            _rounds.Find(channelKey) is { Closed: false } open && open.RoundId == roundId && open.Index == index && open.Deadline is not null
                ? record()
                : null);

    /// <summary>Asks the instance running <paramref name="roundId"/> to stop it; false when it is no longer stored.</summary>
    public bool RequestStop(string channelKey, string roundId, string by) => store.InTransaction(() =>
    {
        if (_rounds.Find(channelKey) is not { } stored || stored.RoundId != roundId)
        {
            return false;
        }

        stored.StopRequestedBy = by;
        return _rounds.Update(stored);
    });

    /// <summary>Removes the channel's round if it is still <paramref name="roundId"/> (a newer one stays).</summary>
    public void End(string channelKey, string roundId) =>
        _rounds.DeleteWhere(new(FieldMatch.IdField, channelKey), new(nameof(RoundDocument.RoundId), roundId));
}
