using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Options;

/// <summary>Limits on what people type, shared by every text adapter (section <c>Chat</c>).</summary>
public sealed class ChatOptions
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
}
