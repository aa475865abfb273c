namespace Bot.Core.Commands;

/// <summary>One typed option of a command, declared once and used by every platform.</summary>
/// <param name="Name">Lower-case name as users type it (<c>from</c> in <c>from:alma9</c>).</param>
/// <param name="Kind">The value type.</param>
/// <param name="Description">One line shown in help and in Discord's option picker.</param>
/// <param name="Required">Whether the command cannot run without it.</param>
public sealed record OptionSpec(string Name, OptionKind Kind, string Description, bool Required = false)
{
    /// <summary>The allowed values of a <see cref="OptionKind.Choice"/> option.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Whether the module offers completions while the user types.</summary>
    public bool Autocomplete { get; init; }

    /// <summary>Smallest allowed value of an <see cref="OptionKind.Integer"/> option.</summary>
    public long? MinValue { get; init; }

    /// <summary>Largest allowed value of an <see cref="OptionKind.Integer"/> option.</summary>
    public long? MaxValue { get; init; }

    /// <summary>Longest allowed text, in characters.</summary>
    public int MaxLength { get; init; } = 4000;

    /// <summary>
    /// In typed text, this option takes all remaining words that carry no <c>name:</c>
    /// (<c>/ask what is ABI?</c>). Without it each unnamed word fills one option, in order.
    /// </summary>
    public bool TakesRest { get; init; }
}
