namespace Bot.Core.Storage;

/// <summary>
/// One step of a module's store schema. Steps run once, in version order per module, when the
/// store opens; a module that changes a document shape adds a step instead of editing old ones.
/// A step is written against <see cref="IDocumentStore"/>, so the same step migrates LiteDB and PostgreSQL.
/// </summary>
public interface IStoreMigration
{
    /// <summary>The module whose collections the step changes.</summary>
    string Module { get; }

    /// <summary>The schema version this step brings the module to (1, 2, ...).</summary>
    int Version { get; }

    /// <summary>What the step does, for the log.</summary>
    string Description { get; }

    /// <summary>Applies the step; runs inside a transaction.</summary>
    void Apply(IDocumentStore store);
}
