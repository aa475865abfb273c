using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_asked</c>: questions already asked in each channel, so none repeats before its bank is used up.</summary>
internal sealed class HistoryStore(IDocumentStore store)
{
    internal const string Collection = "quiz_asked";

    private readonly IDocumentCollection<AskedDocument> _asked = store.Collection<AskedDocument>(Collection);

    public HashSet<string> Asked(string channelKey) => _asked.Find(channelKey) is { } doc ? [.. doc.Ids] : [];

    public void Save(string channelKey, IEnumerable<string> ids) => _asked.Upsert(new AskedDocument { Id = channelKey, Ids = [.. ids] });
}

/// <summary>The questions asked in one channel.</summary>
internal sealed class AskedDocument : IStoredDocument
{
    /// <summary>The channel key.</summary>
    public string Id { get; set; } = "";

    public List<string> Ids { get; set; } = [];
}
