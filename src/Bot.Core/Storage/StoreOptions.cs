using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Storage;

/// <summary>
/// Which store the bot runs on (section <c>Storage</c>). LiteDB in the data directory is the default
/// and needs nothing installed; PostgreSQL lets several instances serve one set of communities.
/// </summary>
public sealed class StoreOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>The embedded default: one LiteDB file, one process.</summary>
    public const string LiteDb = LiteDocumentStore.Name;

    /// <summary>A shared PostgreSQL database, for one or more instances.</summary>
    public const string Postgres = "postgres";

    /// <summary><c>litedb</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = LiteDb;

    /// <summary>A secret: the PostgreSQL connection string (environment <c>Storage__ConnectionString</c>), password included.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A file holding the connection string instead (a container secret, mode 0600); it wins over <see cref="ConnectionString"/>.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>This instance's name in the cluster, in /about and Quartz's check-ins; host name and process id when unset.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$", ErrorMessage = "Storage:InstanceId takes 1-100 letters, digits, '.', '_' or '-'")]
    public string? InstanceId { get; set; }

    /// <summary>Whether this is the shared PostgreSQL store.</summary>
    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string, read from <see cref="ConnectionStringFile"/> when that is set.</summary>
    public string ResolveConnectionString() =>
        ConnectionStringFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : ConnectionString ?? "";

    private static bool Parses(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return true; // reported as missing
        }

        try
        {
            _ = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres && !string.Equals(Provider, LiteDb, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Storage:Provider is '{Provider}'; use '{LiteDb}' or '{Postgres}'", [nameof(Provider)]);
        }

        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(ConnectionStringFile))
        {
            yield return new ValidationResult("Storage:Provider is postgres: set Storage__ConnectionString or Storage:ConnectionStringFile", [nameof(ConnectionString)]);
        }

        if (ConnectionStringFile is { Length: > 0 } file && !File.Exists(file))
        {
            yield return new ValidationResult($"Storage:ConnectionStringFile {file} does not exist", [nameof(ConnectionStringFile)]);
        }
        else if (IsPostgres && !Parses(ResolveConnectionString()))
        {
            // Said without the value, which holds the password.
            yield return new ValidationResult("Storage:ConnectionString is not a connection string (Host=...;Username=...;Password=...;Database=...)", [nameof(ConnectionString)]);
        }
    }
}

/// <summary>This process's name among the instances that share a store.</summary>
/// <param name="Id">Unique among the running instances: the Quartz scheduler id and the holder of leases.</param>
public sealed record BotInstance(string Id)
{
    /// <summary>The configured id, or the host name and process id.</summary>
    public static BotInstance From(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BotInstance(options.InstanceId is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}");
    }
}
