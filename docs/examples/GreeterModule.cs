using System.ComponentModel.DataAnnotations;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Replies;
using Bot.Core.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Examples;

/// <summary>A module: its options (checked at start), a command with subcommands and a line in /about, added by one call.</summary>
public static class GreeterModule
{
    public static IServiceCollection AddGreeterModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<GreeterOptions>(GreeterOptions.Section);
        services.AddSingleton<Greetings>();
        services.AddSingleton<ICommandHandler, GreetCommand>();
        services.AddSingleton<IStatusReport, GreeterStatus>();
        return services;
    }
}

/// <summary>The <c>Greeter</c> section of the configuration.</summary>
public sealed class GreeterOptions
{
    public const string Section = "Greeter";

    [Required, MaxLength(20)]
    public string Word { get; set; } = "Hello";
}

/// <summary>The module's state: how many greetings it gave.</summary>
public sealed class Greetings
{
    private int _count;

    public int Count => _count;

    public int Add() => Interlocked.Increment(ref _count);
}

/// <summary><c>/greet everyone|count</c>: each subcommand is declared with the code that runs it.</summary>
public sealed class GreetCommand : SubcommandHandler
{
    public GreetCommand(Greetings greetings, IOptions<GreeterOptions> options)
        : base(new CommandSpec("greet", "Greetings") { Module = "Greeter" })
    {
        Declare(new CommandSpec("everyone", "Greet the channel"), _ =>
        {
            greetings.Add();
            return Reply.Say($"{options.Value.Word}, everyone!");
        });
        Declare(new CommandSpec("count", "How many greetings so far"), _ => Reply.Say($"{greetings.Count} greetings so far."));
    }
}

/// <summary>The module's line in /about.</summary>
public sealed class GreeterStatus(Greetings greetings) : IStatusReport
{
    public string Name => "Greeter";

    public IReadOnlyList<string> Lines() => [$"{greetings.Count} greetings given"];
}
