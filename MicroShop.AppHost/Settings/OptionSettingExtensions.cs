namespace MicroShop.AppHost.Settings;

public static class OptionSettingExtensions
{
    // An AppHost option (`--reservation-expiry 00:00:05`) handed to a service as one of its settings, in the
    // environment (`Orders__ReservationExpiry`); without the option the service keeps its own default.
    public static IResourceBuilder<ProjectResource> WithOptionAsSetting(
        this IResourceBuilder<ProjectResource> service, string option, string settingVariable) =>
        service.ApplicationBuilder.Configuration[option] is { Length: > 0 } value
            ? service.WithEnvironment(settingVariable, value)
            : service;
}
