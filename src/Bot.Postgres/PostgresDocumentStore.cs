using System.Text.Json;
using Bot.Core.Resilience;
using Bot.Core.Storage;
using Npgsql;
using NpgsqlTypes;
using Polly;

namespace Bot.Postgres;

/// <summary>
/// The shared store: each collection a table of <c>(id text primary key, doc jsonb)</c>, matched by
/// JSON containment through one GIN index, so a module's document classes and queries need no
/// mapping of their own. Transactions are PostgreSQL's, READ COMMITTED, with every read inside one
/// taking a row lock (<c>FOR UPDATE</c>): another instance's change of the same document waits for
/// the commit instead of interleaving. The schema steps run under an advisory lock.
/// </summary>
public sealed class PostgresDocumentStore : IDocumentStore, IDisposable
{
    /// <summary>The advisory lock that serialises schema migrations across instances ("BotS").</summary>
    internal const long SchemaLockKey = 0x426F7453;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>
    /// A transaction aborted for a deadlock or a serialization failure is run again at once, up to three
    /// more times: PostgreSQL has already waited (deadlock_timeout) before it chose the one to abort.
    /// </summary>
    private static readonly RetryPlan ConflictRetry = new(TimeSpan.Zero, TimeSpan.Zero, Retries: 3);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _conflicts;
    private readonly SchemaMigrator _migrator;
    private readonly Lazy<bool> _opened;
    private readonly AsyncLocal<Transaction?> _current = new();

    // True on the flow that runs the schema steps: their own reads and writes must not wait for the opening they are part of.
    private readonly AsyncLocal<bool> _migrating = new();

    public PostgresDocumentStore(NpgsqlDataSource dataSource, SchemaMigrator migrator, TimeProvider? time = null)
    {
        _dataSource = dataSource;
        _migrator = migrator;
        // Two transactions that lock the same rows in opposite orders (a resubscribe and a refusal
        // parking that feed's posts) make PostgreSQL abort one of them: it is run again, whole.
        _conflicts = Retries.Pipeline(time ?? TimeProvider.System, ConflictRetry, IsConflict);
        _opened = new Lazy<bool>(() =>
        {
            _migrating.Value = true;
            try
            {
                _migrator.Migrate(this);
                return true;
            }
            finally
            {
                _migrating.Value = false;
            }
        }, LazyThreadSafetyMode.PublicationOnly); // a failed opening (the server down) is tried again at the next use, not remembered
    }

    /// <inheritdoc />
    public string Backend => StoreOptions.Postgres;

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public IDocumentCollection<T> Collection<T>(string name)
        where T : class, IStoredDocument => new PostgresCollection<T>(this, Quote(name), name);

    /// <inheritdoc />
    public TResult InTransaction<TResult>(Func<TResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_current.Value is not null)
        {
            return change();
        }

        EnsureOpen();
        return _conflicts.Execute(() =>
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
            _current.Value = new Transaction(connection, transaction);
            try
            {
                var result = change();
                transaction.Commit();
                return result;
            }
            finally
            {
                _current.Value = null;
            }
        });
    }

    /// <summary>PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back and may simply run again.</summary>
    private static bool IsConflict(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <inheritdoc />
    public void WithSchemaLock(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        // A session lock on its own connection: held across the steps' transactions, let go when the
        // connection closes even if this process dies mid-way.
        using var connection = _dataSource.OpenConnection();
        Execute(connection, null, "SELECT pg_advisory_lock(@key)", ("key", SchemaLockKey));
        try
        {
            work();
        }
        finally
        {
            Execute(connection, null, "SELECT pg_advisory_unlock(@key)", ("key", SchemaLockKey));
        }
    }

    /// <inheritdoc />
    public void CreateCollection(string name)
    {
        var table = Quote(name);
        Run((connection, transaction) =>
        {
            Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {table} (id text PRIMARY KEY, doc jsonb NOT NULL)");
            Execute(connection, transaction, $"CREATE INDEX IF NOT EXISTS {Quote(name + "_doc")} ON {table} USING gin (doc jsonb_path_ops)");
            return true;
        });
    }

    /// <inheritdoc />
    public void Open() => _ = _opened.Value;

    /// <summary>
    /// The first read or write opens the store, as LiteDB's does: a verb that never calls
    /// <see cref="Open"/> (a lean `bot pkg`) still meets a migrated schema.
    /// </summary>
    private void EnsureOpen()
    {
        if (!_migrating.Value && !_opened.IsValueCreated)
        {
            Open();
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        // Every transaction is durable at its commit.
    }

    /// <inheritdoc />
    public (bool Healthy, string Detail) Probe()
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var command = new NpgsqlCommand("SELECT current_setting('server_version')", connection);
            return (true, $"{Backend} {command.ExecuteScalar()} at {connection.Host}:{connection.Port}/{connection.Database}");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return (false, $"{Backend}: {ex.Message}");
        }
    }

    public void Dispose() => _dataSource.Dispose();

    /// <summary>Runs <paramref name="work"/> on the ambient transaction's connection, or on a pooled one of its own.</summary>
    internal TResult Run<TResult>(Func<NpgsqlConnection, NpgsqlTransaction?, TResult> work)
    {
        if (_current.Value is { } ambient)
        {
            return work(ambient.Connection, ambient.Handle);
        }

        EnsureOpen();
        using var connection = _dataSource.OpenConnection();
        return work(connection, null);
    }

    /// <summary>Whether the caller is inside <see cref="InTransaction{TResult}"/>, where reads lock their rows.</summary>
    internal bool InsideTransaction => _current.Value is not null;

    internal static int Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is JsonDocumentText json
                ? new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json.Text }
                : new NpgsqlParameter(name, value));
        }

        return command;
    }

    internal static string Serialize<T>(T document) => JsonSerializer.Serialize(document, Json);

    internal static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)
        ?? throw new InvalidDataException($"a stored {typeof(T).Name} is JSON null");

    /// <summary>A match as the JSON object that a matching document contains.</summary>
    internal static string Match(FieldMatch[] match)
    {
        ArgumentOutOfRangeException.ThrowIfZero(match.Length);
        return JsonSerializer.Serialize(match.ToDictionary(m => m.Field, m => m.Value, StringComparer.Ordinal), Json);
    }

    /// <summary>A table or index name, quoted; names come from the modules' constants, never from users.</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A parameter's text to be sent as jsonb.</summary>
    internal sealed record JsonDocumentText(string Text);

    private sealed record Transaction(NpgsqlConnection Connection, NpgsqlTransaction Handle);
}
