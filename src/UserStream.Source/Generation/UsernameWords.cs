namespace UserStream.Source.Generation;

/// <summary>Words for usernames shaped like randomuser.me's ("bluepanda417"), the same in every locale.</summary>
internal static class UsernameWords
{
    public static readonly string[] Adjectives =
    [
        "silver", "golden", "lazy", "happy", "brave", "quiet", "bright", "swift", "tiny", "big",
        "crazy", "angry", "red", "blue", "green", "purple", "orange", "yellow", "black", "white",
        "heavy", "sad", "ticklish", "sleepy", "lucky", "wild", "calm", "proud",
    ];

    public static readonly string[] Animals =
    [
        "tiger", "panda", "rabbit", "wolf", "fox", "bear", "owl", "swan", "frog", "koala",
        "lion", "goose", "duck", "fish", "leopard", "bird", "elephant", "dog", "cat", "butterfly",
        "peacock", "gorilla", "ostrich", "snake", "zebra", "mouse", "ladybug", "kangaroo",
    ];
}
