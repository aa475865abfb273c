using System.CommandLine;
using System.Text.Json;
using Bot.Host.Console;
using Bot.Host.Hosting;
using Bot.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Cli;

/// <summary><c>bot ask</c> and <c>bot knowledge validate</c>.</summary>
internal static class KnowledgeVerbs
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Plain apostrophes and quotes read better in a terminal; the output is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Ask(Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object per question: answered, answer, sources, entry, score" };
        var words = new Argument<string[]>("question") { Description = "The question; without one, questions are read one per line from standard input", Arity = ArgumentArity.ZeroOrMore };
        var ask = new Command("ask", "Answer a compatibility question from the FAQ corpus") { TreatUnmatchedTokensAsErrors = false };
        ask.Options.Add(json);
        ask.Arguments.Add(words);
        ask.SetAction((parse, ct) => verb(parse, (services, cli, stopping) =>
            AskAsync(services.GetRequiredService<IKnowledgeAsker>(), cli, string.Join(' ', (parse.GetValue(words) ?? []).Where(w => !BotCli.IsSetting(w))), parse.GetValue(json), stopping)));
        return ask;
    }

    public static Command Knowledge(CliContext cli)
    {
        var directory = new Option<string?>("--dir") { Description = "The corpus directory (default: the shipped knowledge/faq)" };
        var validate = new Command("validate", "Check every FAQ entry: front matter, unique ids, https sources, non-empty answers");
        validate.Options.Add(directory);
        validate.SetAction(parse => Validate(cli, parse.GetValue(directory) ?? CorpusValidation.DefaultDirectory));
        var knowledge = new Command("knowledge", "Work with the FAQ corpus");
        knowledge.Subcommands.Add(validate);
        return knowledge;
    }

    private static int Validate(CliContext cli, string directory)
    {
        var (entries, problems) = CorpusValidation.Validate(directory);
        foreach (var problem in problems)
        {
            cli.Error.WriteLine(problem);
        }

        cli.Output.WriteLine($"{directory}: {entries} valid entr{(entries == 1 ? "y" : "ies")}, {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<int> AskAsync(IKnowledgeAsker asker, CliContext cli, string question, bool json, CancellationToken stopping)
    {
        if (question.Length > 0)
        {
            await AnswerAsync(asker, cli, question, json, stopping).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        // One model load for the whole stream of questions.
        while (!stopping.IsCancellationRequested && await cli.Input.ReadLineAsync(stopping).ConfigureAwait(false) is { } line)
        {
            if (line.Trim().Length > 0)
            {
                await AnswerAsync(asker, cli, line, json, stopping).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task AnswerAsync(IKnowledgeAsker asker, CliContext cli, string question, bool json, CancellationToken stopping)
    {
        var result = await asker.AskAsync(question, stopping).ConfigureAwait(false);
        if (json)
        {
            var line = JsonSerializer.Serialize(new { result.Answered, result.Answer, result.Sources, result.Entry, result.Score }, Json);
            await cli.Output.WriteLineAsync(line).ConfigureAwait(false);
        }
        else
        {
            await cli.Output.WriteLineAsync(ConsoleRenderer.Render(result.Reply) + Environment.NewLine).ConfigureAwait(false);
        }

        await cli.Output.FlushAsync(stopping).ConfigureAwait(false);
    }
}
