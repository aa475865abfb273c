using System.Globalization;
using System.Text;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Status;
using Bot.Core.Storage;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Commands;

/// <summary><c>/about</c>: version, uptime, platforms, modules and what each module reports about itself.</summary>
internal sealed class AboutCommand(BotInfo info, IServiceProvider services) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("about", "Version, uptime, platforms and modules of this bot")
    {
        Module = "General",
        Example = "/about",
    };

    public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
    {
        var platforms = services.GetServices<IChatPlatform>()
            .Select(p => $"{p.Name} ({(p.IsConnected ? "connected" : p.Stopped is { } why ? "stopped: " + why : "not connected")})").ToList();
        var modules = services.GetRequiredService<CommandCatalog>().Commands
            .Select(c => c.Module).Distinct(StringComparer.Ordinal).ToList();
        var state = services.GetRequiredService<IStateStore>();
        var store = services.GetRequiredService<IDocumentStore>();
        var schema = SchemaMigrator.Versions(store);

        var fields = new List<ReplyField>
        {
            new("Version", BotInfo.Version, Inline: true),
            new("Uptime", Format(info.Uptime), Inline: true),
            new("Platforms", platforms.Count == 0 ? "none" : string.Join(", ", platforms)),
            new("Modules", string.Join(", ", modules)),
            new("Data", $"`{info.DataDirectory}`; {Starts(state.Counter("host.starts"))} since {FirstStart(state)}; " +
                        $"schema {string.Join(", ", schema.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} v{s.Value}"))}"),
            new("Store", $"{store.Probe().Detail}; this instance is `{services.GetRequiredService<BotInstance>().Id}`"),
        };
        foreach (var report in services.GetServices<IStatusReport>())
        {
            var lines = report.Lines();
            if (lines.Count > 0)
            {
                fields.Add(new ReplyField(report.Name, string.Join('\n', lines)));
            }
        }

        return ValueTask.FromResult(new Reply
        {
            Title = "About this bot",
            Text = "An Enterprise Linux community bot: compatibility answers from sourced data, package lookups, quizzes and news.",
            Fields = fields,
        });
    }

    private static string Starts(long count) => count == 1 ? "started once" : $"started {count.ToString(CultureInfo.InvariantCulture)} times";

    private static string FirstStart(IStateStore state) =>
        DateTimeOffset.TryParse(state.Get("host.firstStart"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var first)
            ? first.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "unknown";

    internal static string Format(TimeSpan span)
    {
        var text = new StringBuilder();
        if (span.Days > 0)
        {
            text.Append(span.Days).Append("d ");
        }

        if (span.Days > 0 || span.Hours > 0)
        {
            text.Append(span.Hours).Append("h ");
        }

        return text.Append(span.Minutes).Append("m ").Append(span.Seconds).Append('s').ToString();
    }
}
