using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Status;
using Bot.Knowledge.Answers;
using Bot.Knowledge.Commands;
using Bot.Knowledge.Llm;
using Bot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge;

/// <summary>Registers the Knowledge module: options, corpus, retrieval, the optional model, commands and status.</summary>
public static class KnowledgeModule
{
    public static IServiceCollection AddKnowledgeModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<KnowledgeOptions>(KnowledgeOptions.Section);
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => SentenceEmbeddingGenerator.MiniLm());
        services.AddSingleton<KnowledgeBase>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>();
            // The answerer enforces its own timeout; the client's is only a backstop.
            var http = new HttpClient { Timeout = options.Value.Llm.Timeout + TimeSpan.FromSeconds(5) };
            return new GroundedAnswerer(options, sp.GetRequiredService<KnowledgeBase>(), http, sp.GetRequiredService<ILogger<GroundedAnswerer>>(),
                sp.GetServices<Bot.Core.Assistant.IAssistantPlugin>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>();
            var model = options.Value.Llm.Endpoint is null ? null : sp.GetRequiredService<GroundedAnswerer>();
            return new AskService(sp.GetRequiredService<KnowledgeBase>(), options, model);
        });
        services.AddSingleton<IKnowledgeAsker, KnowledgeAsker>();
        services.AddSingleton<ICommandHandler, AskCommand>();
        services.AddSingleton<ICommandHandler, ExplainCommand>();
        services.AddSingleton<ICommandHandler, FaqCommand>();
        services.AddSingleton<IStatusReport, KnowledgeStatus>();
        services.AddHostedService<KnowledgeWarmup>();
        return services;
    }
}
