namespace Bot.Core.Commands;

/// <summary>What the user did to cause an invocation.</summary>
public enum InvocationKind
{
    /// <summary>Ran a command.</summary>
    Command,

    /// <summary>Pressed a button (or reacted, or typed an answer) that a reply offered.</summary>
    Component,
}
