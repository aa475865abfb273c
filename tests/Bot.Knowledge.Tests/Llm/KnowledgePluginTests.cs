using Bot.Knowledge.Llm;
using Bot.Knowledge.Tests.Support;
using Microsoft.SemanticKernel;

namespace Bot.Knowledge.Tests.Llm;

[Collection(ShippedKnowledgeCollection.Name)]
public sealed class KnowledgePluginTests(ShippedKnowledge knowledge)
{
    [Fact]
    public async Task SearchFaq_ThroughTheKernel_ReturnsPassagesWithIdsAndSources()
    {
        var kernel = Kernel.CreateBuilder().Build();
        kernel.Plugins.AddFromObject(new KnowledgePlugin(knowledge.Knowledge), "knowledge");

        var result = await kernel.InvokeAsync("knowledge", "search_faq", new KernelArguments { ["question"] = "what is OpenELA?" });

        var text = result.GetValue<string>()!;
        Assert.StartsWith("[openela] OpenELA, the Open Enterprise Linux Association", text, StringComparison.Ordinal);
        Assert.Contains("Sources: https://openela.org/news/hello_world/", text, StringComparison.Ordinal);
        Assert.Contains("search_faq", kernel.Plugins["knowledge"].Select(f => f.Name));
    }
}
