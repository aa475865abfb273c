namespace Bot.Core.Status;

/// <summary>
/// A module's few lines for <c>/about</c>: what it loaded, what it skipped and why, how fresh its
/// data is. Modules register one each.
/// </summary>
public interface IStatusReport
{
    /// <summary>The module's name as shown.</summary>
    string Name { get; }

    /// <summary>Short lines of Markdown, current when called.</summary>
    IReadOnlyList<string> Lines();
}
