namespace Bot.Core.Storage;

/// <summary>One named value or counter of the collection <c>state</c>.</summary>
public sealed class StateDocument : IStoredDocument
{
    /// <summary>The collection's name.</summary>
    public const string Collection = "state";

    public string Id { get; set; } = "";

    /// <summary>The value of <see cref="IStateStore.Set"/>; null for a counter.</summary>
    public string? V { get; set; }

    /// <summary>The count of <see cref="IStateStore.Increment"/>.</summary>
    public long N { get; set; }
}

/// <summary>The collection <c>state</c> on whichever store the bot runs on.</summary>
public sealed class StateStore(IDocumentStore store) : IStateStore
{
    private readonly IDocumentCollection<StateDocument> _state = store.Collection<StateDocument>(StateDocument.Collection);

    /// <inheritdoc />
    public string? Get(string key) => _state.Find(key)?.V;

    /// <inheritdoc />
    public void Set(string key, string value) => _state.Upsert(new StateDocument { Id = key, V = value });

    /// <inheritdoc />
    public long Counter(string key) => _state.Find(key)?.N ?? 0;

    /// <inheritdoc />
    public long Increment(string key, long delta = 1) => store.InTransaction(() =>
    {
        // The read locks the counter; a first count that another instance makes at the same moment
        // makes this insert lose, and the read after it waits for that one's commit.
        if (_state.Find(key) is not { } current)
        {
            if (_state.TryInsert(new StateDocument { Id = key, N = delta }))
            {
                return delta;
            }

            current = _state.Find(key)!;
        }

        current.N += delta;
        _state.Update(current);
        return current.N;
    });
}
