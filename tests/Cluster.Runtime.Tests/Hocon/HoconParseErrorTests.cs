using Cluster.Runtime.Hocon;

namespace Cluster.Runtime.Tests.Hocon;

public class HoconParseErrorTests
{
    [Theory]
    [InlineData("a = 1\nb = \"unterminated\n", "bad.conf:2:5:", "unterminated quoted string")]
    [InlineData("a {\n  b = 1\n", "bad.conf:3:1:", "expected '}' to close the object opened at line 1")]
    [InlineData("a = [1, 2", "bad.conf:1:10:", "expected ']' to close the list opened at line 1")]
    [InlineData("a = 1\nfoo bar\n", "bad.conf:2:8:", "expected ':', '=', '+=' or '{' after the key 'foo bar' but found end of line")]
    [InlineData("a = \n}", "bad.conf:2:1:", "expected a value for 'a' after '=' but found '}'")]
    [InlineData("a = 1,,\n", "bad.conf:1:7:", "two commas in a row")]
    [InlineData("a = 1 }", "bad.conf:1:7:", "unexpected '}'")]
    [InlineData("url = http://example.com", "bad.conf:1:11:", "after the value of 'url' but found ':'")]
    [InlineData("a = b!c", "bad.conf:1:6:", "reserved character '!'")]
    [InlineData("a = ${unclosed", "bad.conf:1:5:", "unterminated substitution")]
    [InlineData("a..b = 1", "bad.conf:1:1:", "empty path element")]
    [InlineData("[1, 2]", "bad.conf:1:1:", "must be an object, not a list")]
    [InlineData("a = \"bad \\q escape\"", "bad.conf:1:5:", "invalid escape '\\q'")]
    [InlineData("a = \"\"\"never closed", "bad.conf:1:5:", "unterminated triple-quoted string")]
    public void Syntax_errors_name_file_line_column_and_what_was_expected(string text, string position, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(text, "bad.conf"));
        Assert.StartsWith(position, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_error_in_an_included_file_names_that_file()
    {
        using var dir = new TempDirectory();
        dir.Write("broken.conf", "ok = 1\nnot ok\n");
        var main = dir.Write("main.conf", "include \"broken.conf\"");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(main));
        Assert.Contains("broken.conf:2:7:", error.Message);
    }
}
