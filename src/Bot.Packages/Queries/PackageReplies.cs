using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Replies;

namespace Bot.Packages.Queries;

/// <summary>Chat renderings of the query results.</summary>
internal static partial class PackageReplies
{
    private const int MaxRows = 25;

    public static Reply Info(string name, IReadOnlyList<PackageVersion> rows, string footer)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(MaxRows))
        {
            text.Append("- **").Append(row.Distro).Append("** ").Append(row.Repo).Append(' ').Append(row.Arch).Append(": `")
                .Append(Evr(row)).Append('`').Append(Mark(row.Release) is { } mark ? $" · {mark}" : "")
                .Append(row.Module is { } module ? $" · module stream {module}" : "").AppendLine();
        }

        return new Reply
        {
            Title = name,
            Text = More(text, rows.Count),
            Fields = rows.Count > 0 && rows[0].Summary is { Length: > 0 } summary ? [new ReplyField("Summary", summary)] : [],
            Footer = footer,
        };
    }

    public static Reply Provides(string what, IReadOnlyList<PackageVersion> rows, string footer)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(MaxRows))
        {
            text.Append("- **").Append(row.Distro).Append("** `").Append(row.Name).Append('-').Append(Evr(row)).Append("` (")
                .Append(row.Arch).Append(", ").Append(row.Repo).AppendLine(")");
        }

        return new Reply { Title = $"What provides {what}", Text = More(text, rows.Count), Footer = footer };
    }

    public static Reply Compare(CompareResult result, string footer)
    {
        var from = result.From!;
        var to = result.To!;
        var newer = result.Newer switch
        {
            "from" => $"**{from.Distro}** is newer by rpm's rules.",
            "to" => $"**{to.Distro}** is newer by rpm's rules.",
            _ => "Both builds have the same version by rpm's rules.",
        };
        var fields = new List<ReplyField>();
        if (result.SonamesOnlyInFrom.Count > 0)
        {
            fields.Add(new ReplyField($"Only in {from.Distro}", string.Join('\n', result.SonamesOnlyInFrom.Select(s => $"`{s}`"))));
        }

        if (result.SonamesOnlyInTo.Count > 0)
        {
            fields.Add(new ReplyField($"Only in {to.Distro}", string.Join('\n', result.SonamesOnlyInTo.Select(s => $"`{s}`"))));
        }

        return new Reply
        {
            Title = $"{result.Name}: {from.Distro} vs {to.Distro}",
            Text = $"{from.Distro}: `{from.Evr}`\n{to.Distro}: `{to.Evr}`\n{newer}\n\n{Meaning(result)}",
            Fields = fields,
            Footer = footer,
        };
    }

    public static Reply Advisories(string id, IReadOnlyList<AdvisoryRow> rows, string footer)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(MaxRows))
        {
            text.Append("- **").Append(row.Id).Append("** (").Append(row.Distro).Append(", ").Append(row.Type)
                .Append(row.Severity is null ? "" : ", " + row.Severity).Append(row.Issued is null ? "" : ", " + row.Issued).Append("): ")
                .Append(string.Join(", ", row.Packages.Select(p => $"`{p.Name}-{(p.Epoch is null or "0" ? "" : p.Epoch + ":")}{p.Version}-{p.Release}`").Distinct()))
                .AppendLine();
        }

        var cves = rows.SelectMany(r => r.Cves).Distinct(StringComparer.OrdinalIgnoreCase).Take(10).ToList();
        return new Reply
        {
            Title = rows[0].Title is { Length: > 0 } title && rows.Select(r => r.Id).Distinct().Count() == 1 ? $"{id}: {title}" : id,
            Text = More(text, rows.Count),
            Fields = cves.Count > 0 ? [new ReplyField("CVEs", string.Join(", ", cves))] : [],
            Footer = footer,
        };
    }

    /// <summary>The plain sentence of /compare: what the soname differences mean for running binaries.</summary>
    internal static string Meaning(CompareResult result)
    {
        var from = result.From!.Distro;
        var to = result.To!.Distro;
        if (result.SonamesOnlyInFrom.Count == 0 && result.SonamesOnlyInTo.Count == 0)
        {
            return "Both provide the same shared libraries and symbol versions, so binaries built against one load on the other.";
        }

        var sentences = new List<string>();
        if (result.SonamesOnlyInFrom.Count > 0)
        {
            sentences.Add($"A binary built on {from} that needs a library or symbol version only {from} provides (listed below) will not load on {to}.");
        }

        if (result.SonamesOnlyInTo.Count > 0)
        {
            sentences.Add($"One built on {to} that needs one only {to} provides will not load on {from}.");
        }

        sentences.Add("Binaries that use only the shared ones run on both.");
        return string.Join(' ', sentences);
    }

    /// <summary>The rebuild marker in a release: AlmaLinux's .alma, Rocky's .rocky, the .0.N re-tags of Oracle and Rocky.</summary>
    internal static string? Mark(string release) =>
        release.Contains(".alma", StringComparison.Ordinal) ? "AlmaLinux change (.alma)"
        : release.Contains(".rocky", StringComparison.Ordinal) ? "Rocky change (.rocky)"
        : ReTag().IsMatch(release) ? "rebuild change (.0.N)"
        : null;

    private static string Evr(PackageVersion row) => $"{(row.Epoch is null or "0" ? "" : row.Epoch + ":")}{row.Version}-{row.Release}";

    private static string More(StringBuilder text, int count) =>
        text.ToString().TrimEnd() + (count > MaxRows ? $"\n… and {count - MaxRows} more (narrow it with distro:)" : "");

    [GeneratedRegex(@"(^|\.)0\.\d+(\.el\d|$)")]
    private static partial Regex ReTag();
}
