using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Options;

/// <summary>Limits on what people type, shared by every text adapter (section <c>Chat</c>).</summary>
public sealed class ChatOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Chat";

    /// <summary>Longest accepted input line, in characters.</summary>
    [Range(100, 100_000)]
    public int MaxInputLength { get; set; } = 4000;

    /// <summary>Characters that start a typed command.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(4)]
    public string Prefixes { get; set; } = "/!";

    /// <summary>How many commands one person may give per window (section <c>Chat:RateLimit</c>).</summary>
    public ChatRateLimit RateLimit { get; set; } = new();

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RateLimit.Commands is < 1 or > 10_000)
        {
            yield return new ValidationResult("must be between 1 and 10000", ["RateLimit:Commands"]);
        }

        if (RateLimit.ModelCommands < 1 || RateLimit.ModelCommands > RateLimit.Commands)
        {
            yield return new ValidationResult("must be at least 1 and at most RateLimit:Commands", ["RateLimit:ModelCommands"]);
        }

        if (RateLimit.Window < TimeSpan.FromSeconds(1) || RateLimit.Window > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("must be between 00:00:01 and 01:00:00", ["RateLimit:Window"]);
        }
    }
}

/// <summary>
/// Per-person limits for people in chats: commands per window, and fewer for commands whose answer
/// may call a paid model. The CLI verbs are the operator's tools and are not limited.
/// </summary>
public sealed class ChatRateLimit
{
    /// <summary>Commands one person may give per window.</summary>
    public int Commands { get; set; } = 10;

    /// <summary>Of those, commands that may call a language model (<see cref="Commands.CommandSpec.CallsModel"/>).</summary>
    public int ModelCommands { get; set; } = 3;

    /// <summary>The sliding window the counts are over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);
}
