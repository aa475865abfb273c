using LiteDB;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_rounds</c>: the rounds now running, one per channel.</summary>
internal sealed class RoundStore(ILiteDatabase database)
{
    internal const string Collection = "quiz_rounds";

    private readonly ILiteCollection<RoundDocument> _rounds = database.GetCollection<RoundDocument>(Collection);

    /// <summary>Stores a new round; false when the channel already has one.</summary>
    public bool TryStart(RoundDocument round)
    {
        try
        {
            _rounds.Insert(round);
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    public RoundDocument? Find(string channelKey) => _rounds.FindById(channelKey);

    public IReadOnlyList<RoundDocument> All() => [.. _rounds.FindAll()];

    public void Update(RoundDocument round) => _rounds.Update(round);

    /// <summary>Removes the channel's round if it is still <paramref name="roundId"/> (a newer one stays).</summary>
    public void End(string channelKey, string roundId) =>
        _rounds.DeleteMany(r => r.Id == channelKey && r.RoundId == roundId);
}
