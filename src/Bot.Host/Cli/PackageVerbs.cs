using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Host.Console;
using Bot.Host.Hosting;
using Bot.Packages;
using Bot.Packages.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Cli;

/// <summary><c>bot repo sync</c>, <c>bot pkg info|provides|compare|advisory</c> and <c>bot rpm vercmp</c>.</summary>
internal static class PackageVerbs
{
    // Source-generated: reflection-based serialization costs a one-shot lookup a tenth of its run.
    private static readonly PackageJson Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static IEnumerable<Command> Commands(CliContext cli, Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb)
    {
        yield return Repo(verb);
        yield return Pkg(verb);
        yield return Rpm(cli);
    }

    private static Command Repo(Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb)
    {
        var repo = new Option<string?>("--repo") { Description = "Only this repository id" };
        var sync = new Command("sync", "Sync the repositories' metadata now, a progress line per repository") { TreatUnmatchedTokensAsErrors = false };
        sync.Options.Add(repo);
        sync.SetAction((parse, ct) => verb(parse, async (services, cli, stopping) =>
        {
            var tool = services.GetRequiredService<IPackageTool>();
            await tool.LoadAsync(stopping).ConfigureAwait(false);
            var ok = await tool.SyncAsync(parse.GetValue(repo), line => cli.Output.WriteLine(line), stopping).ConfigureAwait(false);
            if (!ok)
            {
                await cli.Error.WriteLineAsync("bot: the sync did not complete; the lines above say which repository failed and why").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        }));
        var command = new Command("repo", "Repository metadata");
        command.Subcommands.Add(sync);
        return command;
    }

    private static Command Pkg(Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb)
    {
        var command = new Command("pkg", "Query the package index built from the synced metadata");
        command.Subcommands.Add(Query("info", "NAME", "Versions of a package per repository and arch", verb,
            (tool, subject, distro, _) => JsonSerializer.Serialize(tool.Info(subject, distro), Json.IReadOnlyListPackageVersion)));
        command.Subcommands.Add(Query("provides", "WHAT", "Packages that provide a capability, file or soname", verb,
            (tool, subject, distro, _) => JsonSerializer.Serialize(tool.Provides(subject, distro), Json.IReadOnlyListPackageVersion)));
        command.Subcommands.Add(Query("advisory", "ID", "An advisory by CVE or advisory id", verb,
            (tool, subject, distro, _) => JsonSerializer.Serialize(tool.Advisory(subject, distro), Json.IReadOnlyListAdvisoryRow)));
        command.Subcommands.Add(Query("compare", "NAME", "Compare a package between two distros (--from, --to)", verb,
            (tool, subject, from, to) => JsonSerializer.Serialize(tool.Compare(subject, from!, to!), Json.CompareResult), compare: true));
        return command;
    }

    private static Command Query(
        string name,
        string subjectName,
        string description,
        Func<ParseResult, Func<IServiceProvider, CliContext, CancellationToken, Task<int>>, Task<int>> verb,
        Func<IPackageTool, string, string?, string?, string> json,
        bool compare = false)
    {
        var subject = new Argument<string>(subjectName);
        var asJson = new Option<bool>("--json") { Description = "Print JSON instead of the chat rendering" };
        var distro = new Option<string?>(compare ? "--from" : "--distro") { Description = compare ? "The first distro" : "Only this distro", Required = compare };
        var to = new Option<string?>("--to") { Description = "The second distro", Required = true };
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.Arguments.Add(subject);
        command.Options.Add(asJson);
        command.Options.Add(distro);
        if (compare)
        {
            command.Options.Add(to);
        }

        command.SetAction((parse, ct) => verb(parse, async (services, cli, stopping) =>
        {
            var tool = services.GetRequiredService<IPackageTool>();
            await tool.LoadAsync(stopping).ConfigureAwait(false);
            if (!tool.HasIndex)
            {
                await cli.Error.WriteLineAsync("bot: there is no package index yet; run `bot repo sync` first").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var (text, d, t) = (parse.GetValue(subject)!, parse.GetValue(distro), compare ? parse.GetValue(to) : null);
            foreach (var given in new[] { d, t }.OfType<string>().Where(g => !tool.Distros.Contains(g)))
            {
                await cli.Error.WriteLineAsync($"bot: I don't index '{given}'; distros: {string.Join(", ", tool.Distros)}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            if (parse.GetValue(asJson))
            {
                await cli.Output.WriteLineAsync(json(tool, text, d, t)).ConfigureAwait(false);
            }
            else
            {
                await cli.Output.WriteLineAsync(ConsoleRenderer.Render(tool.Render(name, text, d, t))).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rpm(CliContext cli)
    {
        var a = new Argument<string?>("A") { Arity = ArgumentArity.ZeroOrOne };
        var b = new Argument<string?>("B") { Arity = ArgumentArity.ZeroOrOne };
        var vercmp = new Command("vercmp", "Compare two [E:]V[-R] strings by rpm's rules: -1, 0 or 1; with none, A<TAB>B lines from standard input");
        vercmp.Arguments.Add(a);
        vercmp.Arguments.Add(b);
        vercmp.SetAction(parse =>
        {
            var (left, right) = (parse.GetValue(a), parse.GetValue(b));
            if (left is not null && right is not null)
            {
                cli.Output.WriteLine(RpmCompare.VerCmp(left, right));
                return ExitCodes.Ok;
            }

            if (left is not null)
            {
                cli.Error.WriteLine("bot: rpm vercmp takes two versions, or none to read A<TAB>B lines from standard input");
                return ExitCodes.BadConfig;
            }

            var code = ExitCodes.Ok;
            while (cli.Input.ReadLine() is { } line)
            {
                var parts = line.Split('\t');
                if (parts.Length != 2)
                {
                    cli.Error.WriteLine($"bot: not 'A<TAB>B': {line}");
                    code = ExitCodes.Failed;
                    continue;
                }

                cli.Output.WriteLine(RpmCompare.VerCmp(parts[0], parts[1]));
            }

            return code;
        });
        var command = new Command("rpm", "rpm's rules");
        command.Subcommands.Add(vercmp);
        return command;
    }
}

/// <summary>The JSON of the <c>bot pkg</c> verbs.</summary>
[JsonSerializable(typeof(IReadOnlyList<PackageVersion>))]
[JsonSerializable(typeof(IReadOnlyList<AdvisoryRow>))]
[JsonSerializable(typeof(CompareResult))]
internal sealed partial class PackageJson : JsonSerializerContext;
