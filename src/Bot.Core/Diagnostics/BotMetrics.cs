using System.Diagnostics.Metrics;

namespace Bot.Core.Diagnostics;

/// <summary>
/// The bot's metrics, on one <see cref="Meter"/> named <c>Bot</c> that the host exports in
/// Prometheus format. Modules record through these instruments; they never see the exporter.
/// </summary>
public static class BotMetrics
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "Bot";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Commands handled, by command and outcome (ok, problem, failure, unknown).</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("bot.commands", description: "Commands handled, by command and outcome");

    /// <summary>How long handlers took.</summary>
    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>("bot.command.duration", unit: "s", description: "Command handling time",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>News posts delivered.</summary>
    public static readonly Counter<long> NewsPosts = Meter.CreateCounter<long>("bot.news.posts", description: "Feed items and announcements posted");

    /// <summary>Feed fetches that failed.</summary>
    public static readonly Counter<long> NewsFailures = Meter.CreateCounter<long>("bot.news.failures", description: "Failed feed fetches");

    /// <summary>Quiz answers recorded.</summary>
    public static readonly Counter<long> QuizAnswers = Meter.CreateCounter<long>("bot.quiz.answers", description: "Quiz answers recorded");

    /// <summary>Discord answers of 429, by scope (bucket, global, shared); each one means a wait we did not foresee.</summary>
    public static readonly Counter<long> DiscordRateLimited = Meter.CreateCounter<long>("bot.discord.rate_limited", description: "Discord 429 answers, by scope");

    /// <summary>Discord gateway reconnects, by kind (resume, identify).</summary>
    public static readonly Counter<long> DiscordReconnects = Meter.CreateCounter<long>("bot.discord.reconnects", description: "Discord gateway reconnects, by kind");

    /// <summary>Registers a gauge observed at each scrape (repository index age, sync lag).</summary>
    public static void Gauge(string name, string unit, string description, Func<IEnumerable<Measurement<double>>> observe) =>
        Meter.CreateObservableGauge(name, observe, unit, description);
}
