namespace Bot.Core.Assistant;

/// <summary>
/// Functions of a module that a language model may call while answering /ask: an object whose
/// methods carry Semantic Kernel's <c>[KernelFunction]</c>. Core stays free of Semantic Kernel;
/// the Knowledge module adds every registered plugin to the kernel it builds per question.
/// </summary>
public interface IAssistantPlugin
{
    /// <summary>The plugin name the model sees (letters, digits and '_').</summary>
    string Name { get; }

    /// <summary>The object with the <c>[KernelFunction]</c> methods.</summary>
    object Functions { get; }

    /// <summary>The id a grounded answer cites for facts from these functions (<c>[packages]</c>).</summary>
    string CitationId { get; }
}
