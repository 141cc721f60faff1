using Microsoft.Extensions.Options;
using UserStream.Source;
using UserStream.Source.Generation;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Source;

internal static class GeneratorFixtures
{
    public static RandomUserGenerator Generator(double malformedRate = 0) =>
        new(Options.Create(new SourceOptions { MalformedRate = malformedRate }), TimeProvider.System);

    public static GenerationRequest Request(
        string seed = "spec", int page = 1, int results = 50, string? gender = null, params string[] nat) =>
        new(seed, page, results, gender, nat);
}
