using System.Text.RegularExpressions;
using Bot.Testing;

namespace Bot.Core.Tests.Codebase;

/// <summary>
/// Time comes from the injected <see cref="TimeProvider"/>: a test must pass on any date, and a
/// schedule computed from the machine's clock drifts away from the one the bot reasons with.
/// </summary>
public sealed partial class ClockRuleTests
{
    [Fact]
    public void NoCode_ReadsTheMachineClock_OrBuildsAQuartzTriggerWithoutTheInjectedClock()
    {
        var root = RepoRoot.Path;
        var offenders = new List<string>();
        foreach (var file in new[] { "src", "tests" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories)))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (MachineClock().IsMatch(lines[i]))
                {
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Take now from the injected TimeProvider (TriggerBuilder.Create(time) for Quartz):\n" + string.Join('\n', offenders));
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(UtcNow|Now|Today)\b|\bTriggerBuilder\s*\.\s*Create\s*\(\s*\)|\bSystemTime\s*\.\s*(UtcNow|Now)\b")]
    private static partial Regex MachineClock();
}
