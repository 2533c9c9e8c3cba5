using System.Globalization;
using System.Text;

namespace MicroShop.Bench.Faults;

// The fault run as text: one line per fault while it runs, a Markdown table at the end.
public static class FaultTable
{
    public static string Describe(FaultResult fault)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"=> {fault.Name}: down {fault.DownSeconds:F1} s, recovered {fault.RecoverySeconds:F1} s after the restart; " +
            $"orders sent {fault.OrdersSent}, accepted {fault.OrdersAccepted}, refused {fault.OrdersRefused} " +
            $"(p99 {fault.Refusals.P99:F0} ms, max {fault.Refusals.Max:F0} ms); reads {fault.ReadsServed}/{fault.ReadsSent} " +
            $"(p99 {fault.Reads.P99:F0} ms); errors {Errors(fault)}; in the saga at the kill {fault.InSagaAtKill}");
        var unrelayed = fault.UnrelayedAtKill > 0
            ? $"; outbox rows not relayed at the kill {fault.UnrelayedAtKill}, published after {fault.UnrelayedPublished}"
            : "";
        return $"{line}{unrelayed}; invariants {fault.Invariants.Describe()}";
    }

    public static string Render(FaultRunReport report)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"Fault run at {report.Rate} orders/s; replicas: {string.Join(", ", report.Replicas.Select(replica => $"{replica.Key} {replica.Value}"))}");
        table.AppendLine();
        table.AppendLine("| Fault | Down (s) | Recovery (s) | Orders sent / accepted / refused | Refusal p99 / max (ms) | Reads served (p99 ms) | Errors | Orders in the saga at the kill | Invariants |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var fault in report.Faults)
        {
            var saga = fault.UnrelayedAtKill > 0
                ? $"{fault.InSagaAtKill} (outbox rows not relayed: {fault.UnrelayedAtKill}, published after: {fault.UnrelayedPublished})"
                : fault.InSagaAtKill.ToString(CultureInfo.InvariantCulture);
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {fault.Name} | {fault.DownSeconds:F1} | {fault.RecoverySeconds:F1} | {fault.OrdersSent} / {fault.OrdersAccepted} / {fault.OrdersRefused} | " +
                $"{fault.Refusals.P99:F0} / {fault.Refusals.Max:F0} | {fault.ReadsServed} of {fault.ReadsSent} ({fault.Reads.P99:F0}) | {Errors(fault)} | {saga} | {fault.Invariants.Describe()} |");
        }

        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"At the end: {report.Final.Orders} orders accepted in all; invariants {report.Final.Describe()}");
        return table.ToString();
    }

    private static string Errors(FaultResult fault) =>
        fault.Errors.Count == 0 ? "none" : string.Join(", ", fault.Errors.Select(error => $"{error.Key} × {error.Value}"));
}
