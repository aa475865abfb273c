namespace Bot.Knowledge.Corpus;

/// <summary>Something wrong in a corpus file, located for the person who fixes it.</summary>
internal sealed record CorpusProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
