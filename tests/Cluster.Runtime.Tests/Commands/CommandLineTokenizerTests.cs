using Cluster.Runtime.Commands;
using Cluster.Runtime.Commands.Parsing;

namespace Cluster.Runtime.Tests.Commands;

public class CommandLineTokenizerTests
{
    [Fact]
    public void Quotes_and_escapes_follow_shell_rules()
    {
        Assert.Equal(["user", "set-note", "alice@example.com", "out of office", "it's \"fine\"", "a b"],
            CommandLineTokenizer.Tokenize("""  user set-note  alice@example.com 'out of office' "it's \"fine\"" a\ b """));
    }

    [Fact]
    public void Adjacent_quoted_parts_join_into_one_word()
    {
        Assert.Equal(["--note=hello world"], CommandLineTokenizer.Tokenize("--note='hello world'"));
    }

    [Fact]
    public void Unterminated_quote_is_a_usage_error()
    {
        var error = Assert.Throws<CommandUsageException>(() => CommandLineTokenizer.Tokenize("log tail -n 'Cluster"));
        Assert.StartsWith("unterminated single quote", error.Message);
    }

    [Fact]
    public void Quote_round_trips_through_tokenize()
    {
        foreach (var word in new[] { "plain", "with space", "it's", "back\\slash", "", "\"dq\"" })
            Assert.Equal([word], CommandLineTokenizer.Tokenize(CommandLineTokenizer.Quote(word)));
    }

    [Fact]
    public void Partial_line_separates_finished_words_from_the_word_being_typed()
    {
        var typing = CommandLineTokenizer.TokenizePartial("sharding wh");
        Assert.Equal(["sharding"], typing.Words);
        Assert.Equal("wh", typing.Current);
        Assert.Equal(9, typing.CurrentStart);

        var afterSpace = CommandLineTokenizer.TokenizePartial("sharding where ");
        Assert.Equal(["sharding", "where"], afterSpace.Words);
        Assert.Equal("", afterSpace.Current);
        Assert.Equal(15, afterSpace.CurrentStart);

        var openQuote = CommandLineTokenizer.TokenizePartial("log tail -n 'Clu");
        Assert.Equal("Clu", openQuote.Current);
        Assert.Equal('\'', openQuote.OpenQuote);
    }
}
