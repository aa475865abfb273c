using System.Text.RegularExpressions;
using Bot.News.Feeds;

namespace Bot.News.Polling;

/// <summary>
/// A subscription's filter: words and <c>/regex/</c> terms that an item's title or summary must
/// contain (any of them), and <c>-</c>-prefixed terms it must not (none of them). Regexes run with
/// a timeout, so a bad pattern cannot stall polling.
/// </summary>
internal sealed class ItemFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly List<Func<string, bool>> _include = [];
    private readonly List<Func<string, bool>> _exclude = [];

    private ItemFilter()
    {
    }

    public static (ItemFilter? Filter, string? Error) Parse(string? expression)
    {
        var filter = new ItemFilter();
        if (string.IsNullOrWhiteSpace(expression))
        {
            return (filter, null);
        }

        foreach (var raw in Regex.Matches(expression, @"-?/(?:\\/|[^/])+/|\S+").Select(m => m.Value))
        {
            var exclude = raw.StartsWith('-') && raw.Length > 1;
            var term = exclude ? raw[1..] : raw;
            Func<string, bool> test;
            if (term.Length > 2 && term.StartsWith('/') && term.EndsWith('/'))
            {
                try
                {
                    var regex = new Regex(term[1..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
                    test = text =>
                    {
                        try
                        {
                            return regex.IsMatch(text);
                        }
                        catch (RegexMatchTimeoutException)
                        {
                            return false;
                        }
                    };
                }
                catch (ArgumentException ex)
                {
                    return (null, $"`{term}` is not a valid regular expression: {ex.Message}");
                }
            }
            else
            {
                test = text => text.Contains(term, StringComparison.OrdinalIgnoreCase);
            }

            (exclude ? filter._exclude : filter._include).Add(test);
        }

        return (filter, null);
    }

    public bool Accepts(FeedItem item)
    {
        var text = item.Title + "\n" + item.Summary;
        return (_include.Count == 0 || _include.Any(t => t(text))) && !_exclude.Any(t => t(text));
    }
}
