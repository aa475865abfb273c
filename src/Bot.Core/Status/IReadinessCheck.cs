namespace Bot.Core.Status;

/// <summary>One part of /readyz: whether a dependency is usable now, and why not.</summary>
public interface IReadinessCheck
{
    /// <summary>The check's name in the JSON (store, platform:matrix, packages, news).</summary>
    string Name { get; }

    /// <summary>Runs the check; must be quick and never throw.</summary>
    (bool Ready, string Detail) Check();
}
