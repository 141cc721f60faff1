namespace UserStream.Source.Generation;

/// <summary>The two values of <c>gender</c> in the randomuser.me API.</summary>
public static class Genders
{
    public const string Male = "male";
    public const string Female = "female";
}
