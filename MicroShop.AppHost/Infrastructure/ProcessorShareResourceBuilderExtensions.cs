namespace MicroShop.AppHost.Infrastructure;

public static class ProcessorShareResourceBuilderExtensions
{
    // A run on one machine (local or containers mode) has the services share its cores with the four servers, so a
    // service's share is under one core. Told so, as a container limited to one core would tell it, the runtime yields
    // where it would spin and keeps one worker busy instead of waking a second: Products then cost 6-15 % less CPU per
    // order (bench/JOURNAL.md, item 43). Not for the Gateway, which saved as much but, in the rounds measured, refused
    // more slowly under overload (fewer threads get a smaller share of busy cores), nor for Orders, which cost more. A
    // deployment gets its processor count from its platform, so the manifest is left alone.
    public static IResourceBuilder<ProjectResource> WithOneProcessorWhenRun(this IResourceBuilder<ProjectResource> project) =>
        project.ApplicationBuilder.ExecutionContext.IsRunMode
            ? project.WithEnvironment("DOTNET_PROCESSOR_COUNT", "1")
            : project;
}
