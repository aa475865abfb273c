using System.Reflection;

namespace Bot.Host.Tests;

/// <summary>ARCHITECTURE.md's one-way rule, read from the built assemblies so that it cannot drift.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Modules = ["Bot.Knowledge", "Bot.Packages", "Bot.Quiz", "Bot.News"];
    private static readonly string[] Platforms = ["Bot.Discord", "Bot.Matrix"];

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

        foreach (var name in Modules.Concat(Platforms).Where(references.ContainsKey))
        {
            Assert.All(references[name], r => Assert.Equal("Bot.Core", r));
        }
    }

    [Fact]
    public void NothingReferencesTheHost()
    {
        var references = BotReferences();

        Assert.Contains("bot", references.Keys);
        Assert.DoesNotContain(references, r => r.Value.Contains("bot"));
    }
}
