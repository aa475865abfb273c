using Bot.Testing;

namespace Bot.Knowledge.Tests.Support;

/// <summary>Finds the repository's shipped files from the test's output directory.</summary>
internal static class RepoPaths
{
    public static string Root => RepoRoot.Path;

    public static string FaqDirectory => Path.Combine(Root, "knowledge", "faq");
}
