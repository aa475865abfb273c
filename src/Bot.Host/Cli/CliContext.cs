namespace Bot.Host.Cli;

/// <summary>The process's standard streams, injectable so that tests run verbs in-process.</summary>
/// <param name="Input">Standard input.</param>
/// <param name="Output">Standard output: only what the bot says.</param>
/// <param name="Error">Standard error: problems and logs.</param>
/// <param name="Interactive">Whether a person types at a terminal (prompts and banners are shown).</param>
internal sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error, bool Interactive);
