using System.Globalization;
using System.Text;

namespace MicroShop.Bench.Reporting;

// The figures over several runs: for each, in how many runs it met its target, and its lowest, median and highest
// value. One run shows what one spell of this machine allowed; the README's "Where it stands" reads many.
public static class Scorecard
{
    public static string Render(IEnumerable<BenchReport> reports)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"| Figure | Target | met in | lowest | median | highest |");
        Line($"| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var runs in reports.SelectMany(TargetFigures.Of).GroupBy(figure => figure.Name))
        {
            var format = runs.First().Format;
            string Number(double value) => value.ToString(format, CultureInfo.InvariantCulture);
            var values = runs.Select(figure => figure.Measured).OfType<double>().Order().ToList();
            var judged = runs.Where(figure => figure.Met is not null).ToList();
            var met = judged.Count == 0 ? "" : $"{judged.Count(figure => figure.Met == true)} of {judged.Count}";
            var (lowest, median, highest) = values.Count == 0
                ? ("", "", "")
                : (Number(values[0]), Number(Median(values)), Number(values[^1]));
            Line($"| {runs.Key} | {runs.First().Target} | {met} | {lowest} | {median} | {highest} |");
        }

        return text.ToString();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
