using Npgsql;
using Xunit;

namespace Bot.Testing;

/// <summary>
/// The PostgreSQL server the tests run against: the one <c>.ci/run</c> starts with
/// <c>tests/postgres/server</c> and names in <c>BOT_TEST_POSTGRES</c>. Each test gets a database of
/// its own, dropped when it ends.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding the admin connection string.</summary>
    public const string Variable = "BOT_TEST_POSTGRES";

    /// <summary>Set by CI: a missing server is then a failure, not a skip.</summary>
    public const string RequiredVariable = "BOT_TEST_POSTGRES_REQUIRED";

    /// <summary>The admin connection string, or null where no server was started.</summary>
    public static string? Admin => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why PostgreSQL tests skip here, or null when they run.</summary>
    public static string? SkipReason =>
        Admin is null && Environment.GetEnvironmentVariable(RequiredVariable) != "1"
            ? $"no test PostgreSQL: .ci/run starts one; here run `eval \"$(tests/postgres/server start)\"` and export {Variable}"
            : null;

    /// <summary>A fresh, empty database on the test server.</summary>
    public static TestDatabase CreateDatabase()
    {
        var admin = Admin ?? throw new InvalidOperationException($"{Variable} is not set, and {RequiredVariable}=1 says PostgreSQL tests must run");
        var name = "bot_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new TestDatabase(admin, new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString, name);
    }
}

/// <summary>A database of one test; dropping it closes what still uses it.</summary>
public sealed class TestDatabase(string admin, string connectionString, string name) : IDisposable
{
    /// <summary>The connection string of this database.</summary>
    public string ConnectionString { get; } = connectionString;

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}

/// <summary>A test that needs the test PostgreSQL; it says why it skips where there is none.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = TestPostgres.SkipReason;
    }
}

/// <summary>A theory that needs the test PostgreSQL for some of its rows; see <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        Skip = TestPostgres.SkipReason;
    }
}
