using Bot.Testing;

namespace Bot.Quiz.Tests.Support;

internal static class RepoPaths
{
    public static string Root => RepoRoot.Path;

    public static string Banks => Path.Combine(Root, "knowledge", "quiz");
}
