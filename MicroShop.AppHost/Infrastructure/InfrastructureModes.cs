using System.Diagnostics;

namespace MicroShop.AppHost.Infrastructure;

public static class InfrastructureModes
{
    private const string SettingName = "INFRA";
    private static readonly TimeSpan RuntimeProbeTimeout = TimeSpan.FromSeconds(10);

    // `--infra containers|local` or INFRA wins; otherwise containers where a container runtime answers.
    // A deployment manifest always describes containers.
    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        var setting = builder.Configuration["infra"] ?? builder.Configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return Enum.TryParse<InfrastructureMode>(setting, ignoreCase: true, out var mode)
                ? mode
                : throw new ArgumentException($"Unknown infrastructure mode '{setting}': use 'containers' or 'local'.");
        }

        return ContainerRuntimeAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    private static bool ContainerRuntimeAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(RuntimeProbeTimeout))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such program on PATH.
            return false;
        }
    }
}
