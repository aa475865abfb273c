namespace Bot.Quiz.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Banks => Path.Combine(Root, "knowledge", "quiz");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found");
    }
}
