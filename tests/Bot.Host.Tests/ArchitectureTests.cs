using System.Reflection;
using System.Text.RegularExpressions;
using Bot.Testing;

namespace Bot.Host.Tests;

/// <summary>
/// ARCHITECTURE.md's one-way rule, read from the built assemblies so that it cannot drift. Modules
/// and platforms are found, not listed: every project under src/ beside Bot.Core and Bot.Host is
/// one, so a new module is checked the day its folder appears.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>
    /// The modules and platforms of today, and the PostgreSQL store, which obeys the same rules (it
    /// references only Bot.Core and is registered by one Add method); discovery must find at least these.
    /// </summary>
    private static readonly string[] Known = ["Bot.Knowledge", "Bot.Packages", "Bot.Quiz", "Bot.News", "Bot.Discord", "Bot.Matrix", "Bot.Postgres"];

    private static List<string> ModulesAndPlatforms() =>
        [.. Directory.GetDirectories(Path.Combine(RepoRoot.Path, "src"), "Bot.*").Select(Path.GetFileName).OfType<string>()
            .Where(n => n is not ("Bot.Core" or "Bot.Host")).Order(StringComparer.Ordinal)];

    private static Dictionary<string, string[]> BotReferences()
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file).Name!;
            if (name != "bot" && !name.StartsWith("Bot.", StringComparison.Ordinal) || name.EndsWith(".Tests", StringComparison.Ordinal))
            {
                continue;
            }

            var references = Assembly.LoadFrom(file).GetReferencedAssemblies()
                .Select(r => r.Name!)
                .Where(r => r == "bot" || r.StartsWith("Bot.", StringComparison.Ordinal))
                .ToArray();
            found[name] = references;
        }

        return found;
    }

    [Fact]
    public void Core_ReferencesNoOtherBotAssembly()
    {
        var references = BotReferences();

        Assert.Empty(references["Bot.Core"]);
    }

    [Fact]
    public void ModulesAndPlatforms_ReferenceOnlyCore()
    {
        var references = BotReferences();
        var modules = ModulesAndPlatforms();

        Assert.Superset(Known.ToHashSet(), modules.ToHashSet());
        Assert.All(modules, name => Assert.True(references.ContainsKey(name), $"{name} is not built into the host"));
        Assert.All(modules, name => Assert.All(references[name], r => Assert.True(r == "Bot.Core", $"{name} references {r}")));
    }

    [Fact]
    public void EveryModuleAndPlatform_IsRegisteredByOneAddMethod()
    {
        foreach (var name in ModulesAndPlatforms())
        {
            var adds = Assembly.Load(name).GetExportedTypes()
                .Where(t => t.IsAbstract && t.IsSealed)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                .Where(m => m.Name.StartsWith("Add", StringComparison.Ordinal) && m.GetParameters() is [{ ParameterType.Name: "IServiceCollection" }, ..])
                .ToList();

            Assert.True(adds.Count == 1, $"{name}: {adds.Count} public Add methods ({string.Join(", ", adds.Select(a => a.DeclaringType!.Name + "." + a.Name))})");
        }
    }

    [Fact]
    public void Host_IsReferencedByNoOtherAssembly()
    {
        var references = BotReferences();

        Assert.Contains("bot", references.Keys);
        Assert.DoesNotContain(references, r => r.Value.Contains("bot"));
    }

    [Fact]
    public void TestNames_AllSaySubjectConditionOutcome_InPascalCaseParts()
    {
        // One style (docs/CONTRIBUTING.md): Route_ValidOptions_CallsHandler, not it_calls_the_handler.
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match test in TestMethod().Matches(File.ReadAllText(file)))
            {
                if (!TestName().IsMatch(test.Groups["name"].Value))
                {
                    offenders.Add($"{Path.GetFileName(file)}: {test.Groups["name"].Value}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\[(?:Fact|Theory)\b[^\n]*\n(?:\s*\[[^\n]*\n)*\s*public (?:async Task|void) (?<name>\w+)\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)+$")]
    private static partial Regex TestName();
}
