using System.ComponentModel.DataAnnotations;

namespace Bot.Matrix;

/// <summary>Settings of the Matrix adapter (section <c>Matrix</c>); the adapter runs when HomeserverUrl is set.</summary>
public sealed class MatrixOptions : IValidatableObject
{
    public const string Section = "Matrix";

    /// <summary>The homeserver's client-server base URL, e.g. https://matrix.example.org.</summary>
    public Uri? HomeserverUrl { get; set; }

    /// <summary>A secret: the bot account's access token (environment Matrix__AccessToken). Or use UserId and Password.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The bot's user id, e.g. @elbot:example.org (needed for password login).</summary>
    public string? UserId { get; set; }

    /// <summary>A secret: the bot account's password, for a login that keeps its device id in the store.</summary>
    public string? Password { get; set; }

    /// <summary>The command prefix in rooms.</summary>
    [Required]
    [StringLength(4, MinimumLength = 1)]
    public string CommandPrefix { get; set; } = "!";

    /// <summary>The <see cref="AutoJoin"/> entry that accepts invites from anyone.</summary>
    public const string Anyone = "*";

    /// <summary>
    /// Who may invite the bot: user ids (@a:b), server names (example.org), or <c>*</c> for anyone.
    /// Empty means users of the bot's own homeserver only: an open bot would be invited into rooms
    /// its operator never sees, where the inviter is the creator and so a moderator.
    /// </summary>
    public List<string> AutoJoin { get; set; } = [];

    /// <summary>The long-poll timeout of /sync.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait after a failed sync; doubled up to 5 minutes, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsConfigured => HomeserverUrl is not null;

    /// <summary>Whether an invite from <paramref name="inviter"/> is accepted by the bot <paramref name="botUserId"/>.</summary>
    public bool AcceptsInviteFrom(string inviter, string botUserId)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        ArgumentNullException.ThrowIfNull(botUserId);
        IEnumerable<string> allowed = AutoJoin.Count > 0 ? AutoJoin : botUserId.Split(':', 2) is [_, var home] ? [home] : [];
        return allowed.Any(a => a == Anyone || a == inviter || (inviter.Length > 0 && inviter.EndsWith(":" + a, StringComparison.Ordinal)));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HomeserverUrl is null)
        {
            yield break;
        }

        if (!HomeserverUrl.IsAbsoluteUri || HomeserverUrl.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("must be an absolute https URL", [nameof(HomeserverUrl)]);
        }

        if (string.IsNullOrWhiteSpace(AccessToken) && (string.IsNullOrWhiteSpace(UserId) || string.IsNullOrWhiteSpace(Password)))
        {
            yield return new ValidationResult("set Matrix__AccessToken, or Matrix:UserId with Matrix__Password", [nameof(AccessToken)]);
        }

        if (SyncTimeout < TimeSpan.FromSeconds(1) || SyncTimeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("must be between 00:00:01 and 00:02:00", [nameof(SyncTimeout)]);
        }
    }
}
