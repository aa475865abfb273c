namespace Bot.Host.Hosting;

/// <summary>A configuration problem, already phrased for the person who runs the bot.</summary>
internal sealed class ConfigException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
