using System.ComponentModel.DataAnnotations;

namespace Bot.Knowledge;

/// <summary>Settings of the Knowledge module (section <c>Knowledge</c>).</summary>
public sealed class KnowledgeOptions : IValidatableObject
{
    public const string Section = "Knowledge";

    /// <summary>The FAQ corpus directory; empty means the corpus shipped next to the executable.</summary>
    public string? CorpusDirectory { get; set; }

    /// <summary>
    /// The combined retrieval score (0-1) from which an entry is given as the answer. Chosen on the
    /// evaluation's development sets once each entry listed about ten ways of asking it: a paraphrase
    /// then scores 0.6 or more, and near misses between 0.4 and 0.55 were the ones answered wrongly.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AnswerThreshold { get; set; } = 0.55;

    /// <summary>Whether to use the local sentence-embedding model; without it retrieval is lexical only.</summary>
    public bool Embeddings { get; set; } = true;

    /// <summary>The longest answer text, in characters.</summary>
    [Range(300, 4000)]
    public int MaxAnswerLength { get; set; } = 1500;

    /// <summary>An OpenAI-compatible model that composes answers from the retrieved passages; off when Endpoint is empty.</summary>
    public LlmOptions Llm { get; set; } = new();

    public string ResolveCorpusDirectory() =>
        string.IsNullOrWhiteSpace(CorpusDirectory) ? Path.Combine(AppContext.BaseDirectory, "knowledge", "faq") : Path.GetFullPath(CorpusDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Llm.Endpoint is null)
        {
            yield break;
        }

        if (!Llm.Endpoint.IsAbsoluteUri || (Llm.Endpoint.Scheme != Uri.UriSchemeHttps && Llm.Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("must be an absolute http(s) URL", ["Llm:Endpoint"]);
        }

        if (string.IsNullOrWhiteSpace(Llm.Model))
        {
            yield return new ValidationResult("is required when Knowledge:Llm:Endpoint is set", ["Llm:Model"]);
        }

        if (Llm.Timeout < TimeSpan.FromSeconds(1) || Llm.Timeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("must be between 00:00:01 and 00:02:00", ["Llm:Timeout"]);
        }
    }
}

/// <summary>The optional language model (section <c>Knowledge:Llm</c>).</summary>
public sealed class LlmOptions
{
    /// <summary>Base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model name, e.g. gpt-4o-mini or llama3.1.</summary>
    public string? Model { get; set; }

    /// <summary>The API key: a secret, from the environment (Knowledge__Llm__ApiKey), never from appsettings.json.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long to wait for the model before answering from the corpus alone.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);
}
