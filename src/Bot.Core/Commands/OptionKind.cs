namespace Bot.Core.Commands;

/// <summary>The value type an option takes; each platform maps it to its own option type.</summary>
public enum OptionKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number, optionally bounded by <see cref="OptionSpec.MinValue"/> and <see cref="OptionSpec.MaxValue"/>.</summary>
    Integer,

    /// <summary>true or false (yes/no, on/off and 1/0 are accepted in text).</summary>
    Boolean,

    /// <summary>One of a fixed list of <see cref="OptionSpec.Choices"/>.</summary>
    Choice,

    /// <summary>
    /// A channel of the same server, bound to its id: Discord shows a channel picker and sends the id;
    /// typed text may be <c>#name</c>, Discord's mention <c>&lt;#id&gt;</c> or the id itself.
    /// </summary>
    Channel,
}
