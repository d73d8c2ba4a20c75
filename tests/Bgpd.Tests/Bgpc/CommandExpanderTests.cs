using Bgpc.Commands;

namespace Bgpd.Tests.Bgpc;

public class CommandExpanderTests
{
    static Expansion Expand(string line) => CommandExpander.Default.Expand(line);

    [TestCase("sh ro al", "show route al")]
    [TestCase("sh ro", "show route")]
    [TestCase("sh ro cou", "show route cou")]
    [TestCase("sh p", "show protocols")]
    [TestCase("sh pro al Mesh_1", "show protocols all Mesh_1")]
    [TestCase("conf ch \"x.conf\"", "configure check \"x.conf\"")]
    [TestCase("show status", "show status")]
    [TestCase("dis Mesh_a \"text here\"", "disable Mesh_a \"text here\"")]
    [TestCase("rel in all", "reload in all")]
    public void Keywords_expand_and_arguments_pass_verbatim(string typed, string sent) =>
        Assert.That(Expand(typed), Is.EqualTo(new Expanded(sent)));

    [TestCase("show foo")]
    [TestCase("s")]
    [TestCase("show")]
    [TestCase("sh rip")]
    [TestCase("frobnicate")]
    public void Paths_that_are_not_commands_are_refused(string typed) =>
        Assert.That(Expand(typed), Is.TypeOf<NoSuchCommand>());

    [Test]
    public void Ambiguous_prefix_lists_expansions_like_birdc()
    {
        var result = Expand("re");
        Assert.That(result, Is.TypeOf<Ambiguous>());
        Assert.That(((Ambiguous)result).Listing, Is.EqualTo(new[]
        {
            "reload <protocol> | \"<pattern>\" | all          Reload protocol",
            "restart (<protocol> | \"<pattern>\" | all) [message]  Restart protocol",
            "restrict                                       Restrict current CLI session to safe commands",
        }));
    }

    [Test]
    public void Roa_and_rip_lose_to_route_but_a_tie_among_them_stays_ambiguous()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Expand("sh ro"), Is.EqualTo(new Expanded("show route")));
            Assert.That(Expand("sh r"), Is.TypeOf<Ambiguous>());
            Assert.That(Expand("sh st"), Is.TypeOf<Ambiguous>());
        });
    }

    [Test]
    public void Question_mark_help_lists_the_node_and_its_children()
    {
        var help = CommandExpander.Default.Help("show protocols");
        Assert.That(help, Is.EqualTo(new[]
        {
            "show protocols [<protocol> | \"<pattern>\"]      Show routing protocols",
            "show protocols all [<protocol> | \"<pattern>\"]  Show routing protocol details",
        }));
    }

    [Test]
    public void Top_level_help_prefers_summary_lines()
    {
        var help = CommandExpander.Default.Help("");
        Assert.Multiple(() =>
        {
            Assert.That(help, Does.Contain("show ...                                       Show status information"));
            Assert.That(help, Does.Contain("down                                           Shut the daemon down"));
            Assert.That(help, Has.Count.EqualTo(19));
        });
    }

    [Test]
    public void Tab_completion_offers_matching_keywords() =>
        Assert.That(CommandExpander.Default.Complete("show pr"), Is.EqualTo(new[] { "protocols" }));
}
