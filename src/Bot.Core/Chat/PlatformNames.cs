namespace Bot.Core.Chat;

/// <summary>
/// The platforms' names as they appear in every <see cref="ChatAddress"/>, in stored subscriptions,
/// schedules and rounds, and in configuration: changing one orphans what was stored under it.
/// </summary>
public static class PlatformNames
{
    public const string Discord = "discord";
    public const string Matrix = "matrix";
    public const string Console = "console";
}
