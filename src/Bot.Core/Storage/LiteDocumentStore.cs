using LiteDB;

namespace Bot.Core.Storage;

/// <summary>
/// The embedded store: the bot's one LiteDB file, opened at the first read or write (a CLI lookup
/// that never touches the store never opens it). One process owns the file (<see cref="StoreLock"/>),
/// so the schema lock is that ownership and a transaction is LiteDB's own, serialised by one lock.
/// </summary>
public sealed class LiteDocumentStore(Lazy<ILiteDatabase> database) : IDocumentStore
{
    /// <summary>The backend's name.</summary>
    public const string Name = "litedb";

    // LiteDB binds a transaction to its thread; one lock keeps the bot's transactions from interleaving.
    private readonly Lock _write = new();
    private int _depth;

    /// <summary>A store over an open database, for the schema steps at open and for tools.</summary>
    public LiteDocumentStore(ILiteDatabase database)
        : this(new Lazy<ILiteDatabase>(database))
    {
    }

    /// <inheritdoc />
    public string Backend => Name;

    /// <inheritdoc />
    public bool IsShared => false;

    /// <summary>The database itself, for what only LiteDB has (online backup, restore checks).</summary>
    public ILiteDatabase Database => database.Value;

    /// <inheritdoc />
    public IDocumentCollection<T> Collection<T>(string name)
        where T : class, IStoredDocument => new LiteDocumentCollection<T>(database, name, _write);

    /// <inheritdoc />
    public TResult InTransaction<TResult>(Func<TResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_write)
        {
            if (_depth > 0)
            {
                return change();
            }

            var db = database.Value;
            db.BeginTrans();
            _depth++;
            try
            {
                var result = change();
                db.Commit();
                return result;
            }
            catch
            {
                db.Rollback();
                throw;
            }
            finally
            {
                _depth--;
            }
        }
    }

    /// <inheritdoc />
    public void WithSchemaLock(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        work();
    }

    /// <inheritdoc />
    public void CreateCollection(string name) => database.Value.GetCollection(name).EnsureIndex("_id");

    /// <inheritdoc />
    public void Open() => _ = database.Value;

    /// <inheritdoc />
    public void Flush()
    {
        if (database.IsValueCreated)
        {
            database.Value.Checkpoint();
        }
    }

    /// <inheritdoc />
    public (bool Healthy, string Detail) Probe()
    {
        try
        {
            return (true, $"{Name}, {database.Value.GetCollectionNames().Count()} collections");
        }
        catch (Exception ex) when (ex is LiteException or IOException or ObjectDisposedException)
        {
            return (false, $"{Name}: {ex.Message}");
        }
    }

    private sealed class LiteDocumentCollection<T>(Lazy<ILiteDatabase> database, string name, Lock write) : IDocumentCollection<T>
        where T : class, IStoredDocument
    {
        private ILiteCollection<T> Documents => database.Value.GetCollection<T>(name);

        public T? Find(string id) => Documents.FindById(id);

        // Listed by id, ordinal, as PostgreSQL lists them (LiteDB's own index order ignores case).
        public IReadOnlyList<T> All() => [.. Documents.FindAll().OrderBy(d => d.Id, StringComparer.Ordinal)];

        public IReadOnlyList<T> Where(params FieldMatch[] match) => [.. Documents.Find(Query(match)).OrderBy(d => d.Id, StringComparer.Ordinal)];

        public long Count() => Documents.LongCount();

        public bool TryInsert(T document)
        {
            // Looked up first rather than caught: a failed insert inside a LiteDB transaction may leave
            // its data pages behind. The store's write lock (re-entered inside a transaction) makes the
            // look-up and the insert one step: the bot is this file's only process.
            lock (write)
            {
                if (Documents.FindById(document.Id) is not null)
                {
                    return false;
                }

                Documents.Insert(document);
                return true;
            }
        }

        public void Upsert(T document) => Documents.Upsert(document);

        public bool Update(T document) => Documents.Update(document);

        public bool Delete(string id) => Documents.Delete(id);

        public int DeleteWhere(params FieldMatch[] match) => Documents.DeleteMany(Query(match));

        public void EnsureIndex(string field, bool unique = false) => Documents.EnsureIndex(FieldName(field), unique);

        private static BsonExpression Query(FieldMatch[] match)
        {
            ArgumentOutOfRangeException.ThrowIfZero(match.Length);
            var each = match.Select(m => LiteDB.Query.EQ(FieldName(m.Field), m.Value is null ? BsonValue.Null : new BsonValue(m.Value))).ToArray();
            return each.Length == 1 ? each[0] : LiteDB.Query.And(each);
        }

        private static string FieldName(string field) => field == FieldMatch.IdField ? "_id" : field;
    }
}
