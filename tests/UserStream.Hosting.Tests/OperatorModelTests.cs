using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace UserStream.Hosting.Tests;

/// <summary>What the operator's settings and commands put into the app model (nothing started).</summary>
public sealed class OperatorModelTests
{
    private static string ProjectPath => Path.Combine(UserStream.Testing.BuiltProjects.RepositoryRoot(), "src", "UserStream.Ingestor", "UserStream.Ingestor.csproj");

    [Fact]
    public void The_AppHosts_schedule_settings_reach_the_ingestor_as_its_environment_and_unset_ones_are_left_to_it()
    {
        var builder = DistributedApplication.CreateBuilder(["--Ingestion:Schedule:Cron=*/30 * * * * *", "--Ingestion:Schedule:TimeZone=Europe/Paris"]);

        var ingestor = builder.AddProject("ingestor", ProjectPath).WithSettingsFrom("Ingestion:Schedule");

        Assert.Equal("*/30 * * * * *", ModelEnvironment.Value(ingestor.Resource, "Ingestion__Schedule__Cron"));
        Assert.Equal("Europe/Paris", ModelEnvironment.Value(ingestor.Resource, "Ingestion__Schedule__TimeZone"));
        Assert.Null(ModelEnvironment.Value(ingestor.Resource, "Ingestion__Schedule__Enabled"));
        Assert.Null(ModelEnvironment.Value(ingestor.Resource, "Ingestion__Schedule__Interval"));
    }

    [Fact]
    public void Start_a_run_is_a_command_of_the_ingestor_asking_for_users_and_seed()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var apiKey = builder.AddParameter("api-key", "k", secret: true);

        var ingestor = builder.AddProject("ingestor", ProjectPath).WithHttpEndpoint().WithIngestorCommands(apiKey);

        var command = Assert.Single(ingestor.Resource.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name == IngestorCommandExtensions.StartRunCommand);
        Assert.Equal("Start a run", command.DisplayName);
        Assert.Equal(["count", "seed"], command.Arguments.Select(a => a.Name));
        Assert.True(command.Arguments[0].Required);
        Assert.False(command.Arguments[1].Required);
    }

    [Fact]
    public void State_changing_commands_without_an_input_ask_for_a_confirmation_before_a_pause()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var apiKey = builder.AddParameter("api-key", "k", secret: true);

        var ingestor = builder.AddProject("ingestor", ProjectPath).WithHttpEndpoint().WithIngestorCommands(apiKey);
        var processor = builder.AddProject("processor", ProjectPath).WithHttpEndpoint().WithProcessorCommands(apiKey);

        var commands = ingestor.Resource.Annotations.Concat(processor.Resource.Annotations).OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);
        Assert.NotNull(commands[IngestorCommandExtensions.PauseScheduleCommand].ConfirmationMessage);
        Assert.NotNull(commands[IngestorCommandExtensions.RetryFailedCommand].ConfirmationMessage);
        Assert.NotNull(commands[ProcessorCommandExtensions.PauseCommand].ConfirmationMessage);
        Assert.Equal("Resume schedule", commands[IngestorCommandExtensions.ResumeScheduleCommand].DisplayName);
        Assert.Equal("Resume consumption", commands[ProcessorCommandExtensions.ResumeCommand].DisplayName);
    }

    [Theory]
    [InlineData("150", "x", """{"count":150,"seed":"x"}""")]
    [InlineData("", "", """{"count":100}""")]
    [InlineData(" 7 ", " ", """{"count":7}""")]
    [InlineData("many", "", """{"count":"many"}""")] // the service names the field in its answer
    public void The_commands_inputs_become_the_body_a_script_would_post(string count, string seed, string body)
    {
        var inputs = new InteractionInputCollection(
        [
            new InteractionInput { Name = "count", InputType = InputType.Number, Value = count },
            new InteractionInput { Name = "seed", InputType = InputType.Text, Value = seed },
        ]);

        Assert.Equal(body, System.Text.Json.JsonSerializer.Serialize(IngestorCommandExtensions.RequestBody(inputs)));
    }

    [Theory]
    [InlineData("all", "0", "{\"fromOffset\":0}")]
    [InlineData("store-rejected", "", "{\"reason\":\"store-rejected\"}")]
    [InlineData("invalid-json", "12", "{\"reason\":\"invalid-json\",\"fromOffset\":12}")]
    [InlineData("all", "soon", "{\"fromOffset\":\"soon\"}")]
    public void Replay_dead_letters_sends_the_reason_unless_all_and_the_offset(string reason, string from, string body)
    {
        var inputs = new InteractionInputCollection(
        [
            new InteractionInput { Name = "reason", InputType = InputType.Choice, Value = reason },
            new InteractionInput { Name = "fromOffset", InputType = InputType.Number, Value = from },
        ]);

        Assert.Equal(body, System.Text.Json.JsonSerializer.Serialize(ProcessorCommandExtensions.ReplayBody(inputs)));
    }

    [Fact]
    public void Replay_dead_letters_offers_every_reason_the_processor_writes()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var processor = builder.AddProject("processor", ProjectPath).WithHttpEndpoint().WithProcessorCommands(builder.AddParameter("k", "v", secret: true));

        var replay = processor.Resource.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == ProcessorCommandExtensions.ReplayCommand);
        var reasons = replay.Arguments.Single(a => a.Name == "reason").Options!.Select(o => o.Key).ToList();
        Assert.Equal([ProcessorCommandExtensions.AllReasons, .. UserStream.Contracts.Messages.DeadLetterReasons.All], reasons);
    }

    [Theory]
    [InlineData("""{"errors":{"count":["count must be between 1 and 100000."]}}""", "count must be between 1 and 100000.")]
    [InlineData("""{"title":"Too many runs waiting","detail":"5 runs are already queued"}""", "5 runs are already queued")]
    [InlineData("""{"title":"Unauthorized"}""", "Unauthorized")]
    [InlineData("plain text", "plain text")]
    public void A_refusal_is_shown_with_the_services_own_words(string body, string shown) =>
        Assert.Equal(shown, OperatorCommands.ProblemText(body));
}
