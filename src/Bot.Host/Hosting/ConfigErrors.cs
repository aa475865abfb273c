using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Bot.Host.Hosting;

/// <summary>Recognises configuration failures among start-up exceptions and words them by key.</summary>
internal static partial class ConfigErrors
{
    [GeneratedRegex(@"^Failed to convert configuration value (?:'.*' )?at '(?<key>[^']+)' to type '(?:System\.)?(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();

    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        var problems = new List<string>();
        Collect(exception, problems);
        return problems.Count == 0 ? null : problems;
    }

    private static void Collect(Exception exception, List<string> problems)
    {
        switch (exception)
        {
            case ConfigException config:
                problems.AddRange(config.Problems);
                break;
            case OptionsValidationException validation:
                problems.AddRange(validation.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, problems);
                }

                break;
            case InvalidOperationException { Message: var message } when BinderFailure().Match(message) is { Success: true } match:
                // The binder's own words: "Failed to convert configuration value 'x' at 'Chat:MaxInputLength' to type 'System.Int32'."
                problems.Add($"{match.Groups["key"].Value}: the value cannot be read as {match.Groups["type"].Value}");
                break;
        }
    }
}
