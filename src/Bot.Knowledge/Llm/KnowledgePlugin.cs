using System.ComponentModel;
using System.Text;
using Microsoft.SemanticKernel;

namespace Bot.Knowledge.Llm;

/// <summary>The FAQ corpus as a Semantic Kernel plugin, so that a model can look things up by itself.</summary>
internal sealed class KnowledgePlugin(KnowledgeBase knowledge)
{
    [KernelFunction("search_faq")]
    [Description("Searches the sourced Enterprise Linux compatibility FAQ (AlmaLinux, Rocky, RHEL, CentOS Stream, Oracle Linux) and returns the best passages with their ids and source URLs.")]
    public async Task<string> SearchAsync(
        [Description("The question, in plain words")] string question,
        CancellationToken cancellationToken = default)
    {
        var index = await knowledge.IndexAsync().ConfigureAwait(false);
        var hits = await index.SearchAsync(question, 3, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var hit in hits)
        {
            text.Append('[').Append(hit.Entry.Id).Append("] ").AppendLine(hit.Entry.Title)
                .AppendLine(hit.Entry.Body)
                .Append("Sources: ").AppendLine(string.Join(", ", hit.Entry.Sources))
                .AppendLine();
        }

        return text.ToString().TrimEnd();
    }
}
