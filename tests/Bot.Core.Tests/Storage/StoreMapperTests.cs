using Bot.Core.Storage;
using Bot.Core.Tests.Support;
using LiteDB;

namespace Bot.Core.Tests.Storage;

public sealed class StoreMapperTests
{
    public sealed class Round
    {
        public string Id { get; set; } = "";

        public string Scope { get; set; } = "";

        public List<Answer> Answers { get; set; } = [];

        public Answer? Best { get; set; }

        public Dictionary<string, Detail> Labels { get; set; } = [];
    }

    public sealed class Answer
    {
        public string Person { get; set; } = "";

        public Detail Detail { get; set; } = new();
    }

    public sealed class Detail
    {
        public int Points { get; set; }
    }

    public sealed class Unregistered
    {
        public string Id { get; set; } = "";
    }

    [Fact]
    public void Create_MapsEachDocument_AndEveryTypeNestedInIt()
    {
        var mapper = StoreMapper.Create([new StoreDocument(typeof(Round))]);

        Assert.Contains(typeof(Round), mapper.Mapped);
        Assert.Contains(typeof(Answer), mapper.Mapped);
        Assert.Contains(typeof(Detail), mapper.Mapped);
        Assert.Contains(typeof(Dictionary<string, Detail>), mapper.Mapped);
        Assert.DoesNotContain(typeof(string), mapper.Mapped);
    }

    [Fact]
    public async Task FirstUseFromManyThreadsAtOnce_FindsEveryMember()
    {
        // 64 threads touching a type for the first time at once: the shape of LiteDB issue #2536,
        // which a mapper that builds mappings on first use loses now and then.
        using var stream = new MemoryStream();
        using var db = BotDatabase.Open(stream, new SchemaMigrator([], new ListLogger<SchemaMigrator>()), StoreMapper.Create([new StoreDocument(typeof(Round))]));
        using var start = new Barrier(8);

        // Collections are made on one thread, as the schema steps make them at start: LiteDB 5's own
        // header is not safe for collections created from several threads at once.
        for (var c = 0; c < 64; c++)
        {
            db.GetCollection($"rounds{c / 8}_{c % 8}").EnsureIndex("Scope", "$.Scope");
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 8; i++)
            {
                var rounds = db.GetCollection<Round>($"rounds{t}_{i}");
                rounds.Insert(new Round { Id = $"{t}-{i}", Scope = "s", Answers = [new Answer { Person = "p", Detail = new Detail { Points = 3 } }], Labels = { ["l"] = new Detail { Points = 1 } } });
                var found = rounds.FindOne(r => r.Scope == "s");
                Assert.Equal(3, found.Answers.Single().Detail.Points);
                Assert.Equal(1, found.Labels["l"].Points);
            }
        })));
    }

    [Fact]
    public void AnUnregisteredType_FailsLoudly_NamingTheFix()
    {
        using var stream = new MemoryStream();
        using var db = BotDatabase.Open(stream, new SchemaMigrator([], new ListLogger<SchemaMigrator>()), StoreMapper.Create([]));

        var error = Assert.ThrowsAny<Exception>(() => db.GetCollection<Unregistered>("u").Insert(new Unregistered { Id = "x" }));

        Assert.Contains("AddStoreDocuments(typeof(Unregistered))", error.ToString(), StringComparison.Ordinal);
    }
}
