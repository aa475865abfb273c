namespace Bot.Packages.Sync;

/// <summary>The outcome of syncing one repository, for the progress line and /about.</summary>
internal sealed record SyncResult(string RepoId, bool Changed, int Files, long Bytes, int Packages, TimeSpan Took, string? Error)
{
    public string Line() => Error is not null
        ? $"{RepoId}: FAILED after {Took.TotalSeconds:F1} s: {Error} (keeping the last good index)"
        : Changed
            ? $"{RepoId}: {Files} files, {Bytes / 1048576.0:F1} MB, {Packages} packages, {Took.TotalSeconds:F1} s"
            : $"{RepoId}: unchanged, {Packages} packages, {Took.TotalSeconds:F1} s";
}
