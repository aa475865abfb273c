using Bot.Core.Storage;
using Npgsql;
using static Bot.Postgres.PostgresDocumentStore;

namespace Bot.Postgres;

/// <summary>One collection of <see cref="PostgresDocumentStore"/>: a table of ids and jsonb documents.</summary>
internal sealed class PostgresCollection<T>(PostgresDocumentStore store, string table, string name) : IDocumentCollection<T>
    where T : class, IStoredDocument
{
    /// <summary>Reads inside a transaction lock what they read until it ends.</summary>
    private string Locking => store.InsideTransaction ? " FOR UPDATE" : "";

    public T? Find(string id) => Query($"SELECT doc::text FROM {table} WHERE id = @id{Locking}", ("id", id)) is [var found] ? found : null;

    // Ordered by id, byte for byte, as LiteDB returns them, so both stores list alike.
    public IReadOnlyList<T> All() => Query($"SELECT doc::text FROM {table} ORDER BY id COLLATE \"C\"{Locking}");

    public IReadOnlyList<T> Where(params FieldMatch[] match) =>
        Query($"SELECT doc::text FROM {table} WHERE doc @> @match ORDER BY id COLLATE \"C\"{Locking}", ("match", new JsonDocumentText(Match(match))));

    public long Count() => store.Run((connection, transaction) =>
    {
        using var command = Command(connection, transaction, $"SELECT count(*) FROM {table}");
        return (long)command.ExecuteScalar()!;
    });

    public bool TryInsert(T document) => Write(
        $"INSERT INTO {table} (id, doc) VALUES (@id, @doc) ON CONFLICT (id) DO NOTHING", document) == 1;

    public void Upsert(T document) => Write(
        $"INSERT INTO {table} (id, doc) VALUES (@id, @doc) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc", document);

    public bool Update(T document) => Write($"UPDATE {table} SET doc = @doc WHERE id = @id", document) == 1;

    public bool Delete(string id) => store.Run((connection, transaction) =>
        Execute(connection, transaction, $"DELETE FROM {table} WHERE id = @id", ("id", id))) == 1;

    public int DeleteWhere(params FieldMatch[] match) => store.Run((connection, transaction) =>
        Execute(connection, transaction, $"DELETE FROM {table} WHERE doc @> @match", ("match", new JsonDocumentText(Match(match)))));

    public void EnsureIndex(string field, bool unique = false)
    {
        // Equality matches go through the table's GIN index on the whole document; only a unique
        // field needs an index of its own, to refuse a second document as LiteDB's unique index does.
        if (!unique)
        {
            return;
        }

        var index = "\"" + name + "_" + field + "_unique\"";
        store.Run((connection, transaction) =>
            Execute(connection, transaction, $"CREATE UNIQUE INDEX IF NOT EXISTS {index} ON {table} ((doc ->> '{field.Replace("'", "''", StringComparison.Ordinal)}'))"));
    }

    private int Write(string sql, T document) => store.Run((connection, transaction) =>
        Execute(connection, transaction, sql, ("id", document.Id), ("doc", new JsonDocumentText(Serialize(document)))));

    private List<T> Query(string sql, params (string Name, object Value)[] parameters) => store.Run((connection, transaction) =>
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var found = new List<T>();
        while (reader.Read())
        {
            found.Add(Deserialize<T>(reader.GetString(0)));
        }

        return found;
    });
}
