using System.CommandLine;
using Bot.Host.Hosting;
using Bot.Quiz;

namespace Bot.Host.Cli;

/// <summary><c>bot quiz validate</c>.</summary>
internal static class QuizVerbs
{
    public static Command Quiz(CliContext cli)
    {
        var directory = new Option<string?>("--dir") { Description = "The bank directory (default: the shipped knowledge/quiz)" };
        var validate = new Command("validate", "Check every question bank: schema, unique ids, answer among the choices, distinct choices");
        validate.Options.Add(directory);
        validate.SetAction(parse =>
        {
            var dir = parse.GetValue(directory) ?? QuizModule.DefaultBankDirectory;
            var (questions, problems) = QuizModule.Validate(dir);
            foreach (var problem in problems)
            {
                cli.Error.WriteLine(problem);
            }

            cli.Output.WriteLine($"{dir}: {questions} valid question{(questions == 1 ? "" : "s")}, {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        var quiz = new Command("quiz", "Work with the quiz banks");
        quiz.Subcommands.Add(validate);
        return quiz;
    }
}
