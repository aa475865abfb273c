namespace Bot.Core.Commands;

/// <summary>Implemented by a command handler that declares options with <see cref="OptionSpec.Autocomplete"/>.</summary>
public interface IAutocompleteHandler
{
    /// <summary>Suggests values for <paramref name="option"/> that start with or contain <paramref name="partial"/>.</summary>
    /// <param name="subcommand">The subcommand, if any.</param>
    /// <param name="option">The option being typed.</param>
    /// <param name="partial">What the user typed so far.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Suggestions, best first; the router keeps at most 25.</returns>
    ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken);
}
