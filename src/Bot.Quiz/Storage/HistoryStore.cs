using LiteDB;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_asked</c>: questions already asked in each channel, so none repeats before its bank is used up.</summary>
internal sealed class HistoryStore(ILiteDatabase database)
{
    internal const string Collection = "quiz_asked";

    private readonly ILiteCollection<BsonDocument> _asked = database.GetCollection(Collection);

    public HashSet<string> Asked(string channelKey) =>
        _asked.FindById(channelKey) is { } doc ? [.. doc["ids"].AsArray.Select(v => v.AsString)] : [];

    public void Save(string channelKey, IEnumerable<string> ids) =>
        _asked.Upsert(new BsonDocument { ["_id"] = channelKey, ["ids"] = new BsonArray(ids.Select(i => new BsonValue(i))) });
}
