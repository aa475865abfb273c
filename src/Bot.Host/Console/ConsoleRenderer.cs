using System.Text;
using Bot.Core.Rendering;
using Bot.Core.Replies;

namespace Bot.Host.Console;

/// <summary>Renders a reply as terminal text. Buttons are numbered so that <c>/press N</c> can press them.</summary>
internal static class ConsoleRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        if (reply.Title is { Length: > 0 } title)
        {
            var heading = MarkdownText.ToPlain(title);
            text.AppendLine(heading).AppendLine(new string('-', Math.Min(heading.Length, 72)));
        }

        if (reply.Link is { } link)
        {
            text.AppendLine(link.Url.ToString());
        }

        if (reply.Text.Length > 0)
        {
            var prefix = reply.Tone is Tone.Problem or Tone.Failure ? "! " : "";
            text.Append(prefix).AppendLine(MarkdownText.ToPlain(reply.Text).TrimEnd());
        }

        foreach (var field in reply.Fields)
        {
            var value = MarkdownText.ToPlain(field.Value).TrimEnd();
            text.Append(field.Name).Append(':').Append(value.Contains('\n', StringComparison.Ordinal) ? "\n  " + value.Replace("\n", "\n  ", StringComparison.Ordinal) : " " + value).AppendLine();
        }

        for (var i = 0; i < reply.Buttons.Count; i++)
        {
            text.Append('[').Append(i + 1).Append("] ").AppendLine(reply.Buttons[i].Label);
        }

        if (reply.Buttons.Count > 0)
        {
            text.AppendLine("(type /press N to press a button)");
        }

        if (reply.Footer is { Length: > 0 } footer)
        {
            text.Append("— ").AppendLine(MarkdownText.ToPlain(footer));
        }

        return text.ToString().TrimEnd();
    }
}
