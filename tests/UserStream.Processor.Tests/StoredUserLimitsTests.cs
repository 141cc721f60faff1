using UserStream.Contracts.Messages;
using UserStream.Processor.Transform;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>What the processor refuses before the store sees it, and why.</summary>
public sealed class StoredUserLimitsTests
{
    [Fact]
    public void A_generated_user_passes() => Assert.Null(StoredUserLimits.Check(TestUsers.Stored()));

    [Fact]
    public void A_nul_character_in_any_text_is_refused()
    {
        Assert.Equal(DeadLetterReasons.NulCharacter, StoredUserLimits.Check(TestUsers.Stored() with { FirstName = "Ann\0e" })!.Reason);
        Assert.Equal(DeadLetterReasons.NulCharacter, StoredUserLimits.Check(TestUsers.Stored() with { Phone = "\0" })!.Reason);
        Assert.Contains("name.first", StoredUserLimits.Check(TestUsers.Stored() with { FirstName = "\0" })!.Detail);
    }

    [Fact]
    public void Text_up_to_its_limit_passes_and_one_character_more_is_refused()
    {
        Assert.Null(StoredUserLimits.Check(TestUsers.Stored() with { LastName = new string('x', StoredUserLimits.MaxText) }));
        var tooLong = StoredUserLimits.Check(TestUsers.Stored() with { LastName = new string('x', StoredUserLimits.MaxText + 1) })!;
        Assert.Equal(DeadLetterReasons.FieldTooLong, tooLong.Reason);
        Assert.Contains("name.last is 1,025 characters long (at most 1,024)", tooLong.Detail);
    }

    [Fact]
    public void An_email_over_254_characters_is_refused_as_too_long()
    {
        var at254 = new string('a', 254 - "@example.com".Length) + "@example.com";
        Assert.Equal(DeadLetterReasons.FieldTooLong, StoredUserLimits.Check(TestUsers.Stored() with { Email = "a" + at254 })!.Reason);
        // 242 characters of local part break the 64-character rule: refused, but for its form.
        Assert.Equal(DeadLetterReasons.InvalidEmail, StoredUserLimits.Check(TestUsers.Stored() with { Email = at254 })!.Reason);
    }

    [Fact]
    public void Every_problem_is_in_the_detail_and_the_first_gives_the_reason()
    {
        var problem = StoredUserLimits.Check(TestUsers.Stored() with { FirstName = "\0", Username = new string('u', 2000) })!;
        Assert.Equal(DeadLetterReasons.NulCharacter, problem.Reason);
        Assert.Contains("login.username is 2,000", problem.Detail);
    }

    [Theory]
    [InlineData("jennie.nichols@example.com")]
    [InlineData("a+tag@mail.example.co.uk")]
    [InlineData("ömer.akyürek@example.com")]
    [InlineData("x@xn--bcher-kva.example")]
    public void An_address_is_an_address(string email) => Assert.True(EmailAddressRule.IsAddress(email));

    [Theory]
    [InlineData("")]
    [InlineData("ann")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("ann@example")]
    [InlineData("ann@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("ann smith@example.com")]
    [InlineData("ann@exa mple.com")]
    [InlineData(".ann@example.com")]
    [InlineData("ann.@example.com")]
    [InlineData("an..n@example.com")]
    [InlineData("ann@example..com")]
    [InlineData("ann@-example.com")]
    [InlineData("ann@example.com-")]
    [InlineData("ann@exam_ple.com")]
    [InlineData("<ann@example.com>")]
    [InlineData("ann\t@example.com")]
    [InlineData("ann@example.com\n")]
    public void Something_else_is_not(string email) => Assert.False(EmailAddressRule.IsAddress(email));

    [Fact]
    public void A_local_part_over_64_or_a_label_over_63_characters_is_not_an_address()
    {
        Assert.True(EmailAddressRule.IsAddress(new string('a', 64) + "@example.com"));
        Assert.False(EmailAddressRule.IsAddress(new string('a', 65) + "@example.com"));
        Assert.False(EmailAddressRule.IsAddress("a@" + new string('b', 64) + ".com"));
    }
}
