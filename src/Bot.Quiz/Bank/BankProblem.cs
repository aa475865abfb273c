namespace Bot.Quiz.Bank;

/// <summary>Something wrong in a bank file, located for the person who fixes it.</summary>
internal sealed record BankProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
