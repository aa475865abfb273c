using LiteDB;

namespace Bot.Core.Storage;

/// <summary>The LiteDB collection <c>state</c>: one document per key.</summary>
public sealed class LiteStateStore(ILiteDatabase database) : IStateStore
{
    private readonly ILiteCollection<BsonDocument> _state = database.GetCollection("state");
    private readonly Lock _counter = new();

    /// <inheritdoc />
    public string? Get(string key)
    {
        var doc = _state.FindById(key);
        return doc is null ? null : doc["v"].AsString;
    }

    /// <inheritdoc />
    public void Set(string key, string value) => _state.Upsert(new BsonDocument { ["_id"] = key, ["v"] = value });

    /// <inheritdoc />
    public long Counter(string key) => _state.FindById(key) is { } doc ? doc["n"].AsInt64 : 0;

    /// <inheritdoc />
    public long Increment(string key, long delta = 1)
    {
        // LiteDB serialises writes, but read-then-write needs its own guard within this process.
        lock (_counter)
        {
            var doc = _state.FindById(key);
            var next = (doc is null ? 0 : doc["n"].AsInt64) + delta;
            _state.Upsert(new BsonDocument { ["_id"] = key, ["n"] = next });
            return next;
        }
    }
}
