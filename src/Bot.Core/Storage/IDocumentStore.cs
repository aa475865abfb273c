namespace Bot.Core.Storage;

/// <summary>A document a module keeps in the store, found by its <see cref="Id"/>.</summary>
public interface IStoredDocument
{
    /// <summary>The document's key, unique in its collection.</summary>
    string Id { get; }
}

/// <summary>
/// The bot's store as the modules see it: named collections of documents and transactions across
/// them. LiteDB (one process, the embedded default) and PostgreSQL (several instances on one
/// database) both implement it, so a module writes its store once and every contract test runs
/// against both.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The backend's name for /about, /readyz and /metrics: <c>litedb</c> or <c>postgres</c>.</summary>
    string Backend { get; }

    /// <summary>
    /// Whether other instances may use the store at the same time (PostgreSQL). On an unshared store
    /// (LiteDB, one process by its lock) work that one instance at a time may do needs no sweep for
    /// a dead instance's share.
    /// </summary>
    bool IsShared { get; }

    /// <summary>The collection <paramref name="name"/>; made by a schema step (<see cref="CreateCollection"/>), never on first use.</summary>
    IDocumentCollection<T> Collection<T>(string name)
        where T : class, IStoredDocument;

    /// <summary>
    /// Runs <paramref name="change"/> as one transaction: every read and write of a collection inside
    /// it commits together or not at all. A document read inside it is locked until the end, so
    /// another instance's read-modify-write of the same document waits instead of interleaving.
    /// A transaction begun inside one joins it.
    /// </summary>
    TResult InTransaction<TResult>(Func<TResult> change);

    /// <summary>
    /// Runs <paramref name="work"/> while holding the store's schema lock: two instances that start at
    /// once migrate one after the other, and the second finds the schema already current.
    /// </summary>
    void WithSchemaLock(Action work);

    /// <summary>Makes the collection <paramref name="name"/> if it is missing; for schema steps.</summary>
    void CreateCollection(string name);

    /// <summary>Opens the store now and brings its schema up to date, so that a start fails at once, in words, when it cannot.</summary>
    void Open();

    /// <summary>Makes every write durable before the process ends.</summary>
    void Flush();

    /// <summary>Whether the store answers a read now, and a line saying how it is.</summary>
    (bool Healthy, string Detail) Probe();
}

/// <summary>One named collection of <typeparamref name="T"/>.</summary>
public interface IDocumentCollection<T>
    where T : class, IStoredDocument
{
    /// <summary>The document with <paramref name="id"/>, or null.</summary>
    T? Find(string id);

    /// <summary>Every document.</summary>
    IReadOnlyList<T> All();

    /// <summary>
    /// The documents whose top-level fields equal the given values (strings, numbers, booleans, or
    /// null), all of them. <c>Id</c> names the key.
    /// </summary>
    IReadOnlyList<T> Where(params FieldMatch[] match);

    /// <summary>How many documents there are.</summary>
    long Count();

    /// <summary>Adds <paramref name="document"/>; false, changing nothing, when its id is taken.</summary>
    bool TryInsert(T document);

    /// <summary>Adds or replaces <paramref name="document"/>.</summary>
    void Upsert(T document);

    /// <summary>Replaces the stored document with the same id; false when there is none.</summary>
    bool Update(T document);

    /// <summary>Deletes the document with <paramref name="id"/>; false when there is none.</summary>
    bool Delete(string id);

    /// <summary>Deletes the documents <see cref="Where"/> would return; returns how many.</summary>
    int DeleteWhere(params FieldMatch[] match);

    /// <summary>Makes an index on <paramref name="field"/> for a schema step; a unique one refuses a second document with the same value.</summary>
    void EnsureIndex(string field, bool unique = false);
}

/// <summary>A top-level field of a document and the value it must have.</summary>
/// <param name="Field">The property's name as the document class spells it.</param>
/// <param name="Value">A string, number, boolean, or null.</param>
public readonly record struct FieldMatch(string Field, object? Value)
{
    /// <summary>The name the key field has in every document class.</summary>
    public const string IdField = "Id";
}
