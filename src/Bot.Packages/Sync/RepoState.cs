namespace Bot.Packages.Sync;

/// <summary>What the last syncs of one repository left: for conditional requests, the cache's files and /about.</summary>
internal sealed class RepoState : Bot.Core.Storage.IStoredDocument
{
    public string Id { get; set; } = "";

    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public string? Revision { get; set; }

    /// <summary>Metadata type to the cached file's name.</summary>
    public Dictionary<string, string> Files { get; set; } = [];

    public DateTime? LastSuccess { get; set; }

    public DateTime? LastAttempt { get; set; }

    public string? LastError { get; set; }

    public int Packages { get; set; }
}
