using System.Diagnostics;
using System.Text;
using Bot.Packages.Rpm;
using Bot.Packages.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Packages.Tests.Rpm;

public sealed class RpmVersionTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, int> Vercmp()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var row in Fixture.Tsv("rpmvercmp_vectors.tsv"))
        {
            data.Add(row[0], row[1], int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    public static TheoryData<string, string, int> ElEvr()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var row in Fixture.Tsv("rpmevr_el_vectors.tsv"))
        {
            data.Add(row[0], row[1], int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vercmp))]
    public void Compare_RpmOwnVectors_MatchRpm(string a, string b, int expected)
    {
        Assert.Equal(expected, RpmVersion.Compare(a, b));
    }

    [Theory]
    [MemberData(nameof(ElEvr))]
    public void CompareEvr_EnterpriseLinuxReleases_MatchRpm(string a, string b, int expected)
    {
        Assert.Equal(expected, Evr.Parse(a).CompareTo(Evr.Parse(b)));
    }

    [Fact]
    public void Parse_EpochVersionRelease_SplitsAsRpmDoes()
    {
        Assert.Equal(new Evr("1", "1.2.3", "4.el9_2.alma.1"), Evr.Parse("1:1.2.3-4.el9_2.alma.1"));
        Assert.Equal(new Evr(null, "2.0~rc1", null), Evr.Parse("2.0~rc1"));
        Assert.Equal("1.2.3-4.el9", Evr.Parse("0:1.2.3-4.el9").ToString());
    }

    [RpmFact]
    public void Compare_GeneratedPairs_AgreeWithTheRealRpm()
    {
        var random = new Random(20231113);
        const string alphabet = "0123456789abcz.~^_+-";
        var pairs = Enumerable.Range(0, 2000).Select(_ => (Make(random, alphabet), Make(random, alphabet))).ToList();
        // Similar strings exercise more branches than independent ones.
        pairs.AddRange(pairs.Take(500).Select(p => (p.Item1, Mutate(random, p.Item1, alphabet))).ToList());

        var script = new StringBuilder("%{lua: ");
        foreach (var (a, b) in pairs)
        {
            // rpm's Lua print adds no line breaks; a separator keeps the results apart.
            script.Append("print(rpm.vercmp(\"").Append(a).Append("\", \"").Append(b).Append("\") .. \";\") ");
        }

        var expected = RunRpm(script.Append('}').ToString());
        Assert.Equal(pairs.Count, expected.Count);
        var mismatches = pairs.Select((p, i) => (p, rpm: expected[i], ours: Evr.Parse(p.Item1).CompareTo(Evr.Parse(p.Item2))))
            .Where(x => x.rpm != x.ours).ToList();
        output.WriteLine($"{pairs.Count} generated pairs compared with rpm; {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10).Select(m => $"{m.p.Item1} vs {m.p.Item2}: rpm {m.rpm}, ours {m.ours}")));
    }

    private static string Make(Random random, string alphabet)
    {
        var length = random.Next(1, 10);
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static string Mutate(Random random, string text, string alphabet)
    {
        var chars = text.ToCharArray();
        chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    private static List<int> RunRpm(string script)
    {
        var start = new ProcessStartInfo("rpm") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--eval");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0).Select(l => int.Parse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture))];
    }
}
