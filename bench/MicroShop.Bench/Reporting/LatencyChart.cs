using System.Globalization;
using System.Text;
using MicroShop.Bench.Load;

namespace MicroShop.Bench.Reporting;

// Outcome latency percentiles (left axis, logarithmic: tens of milliseconds below saturation, seconds above)
// and achieved outcomes/s (right axis) against offered orders/s, drawn as plain SVG; to the right, the overload
// steps, each with its offered rate, goodput and refusals per second (and the refusals' p99).
public static class LatencyChart
{
    private const double Width = 760, Height = 420, Left = 70, Right = 70, Top = 40, Bottom = 60;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private const double OverloadLeft = Width + 40, OverloadStepWidth = 110, OverloadRight = 40, BarWidth = 30;
    private const string GoodputColour = "#27c", RefusedColour = "#a3c";

    public static string Render(BenchReport report, string title)
    {
        var steps = report.Steps;
        var svg = new StringBuilder();
        void Add(FormattableString element) => svg.AppendLine(element.ToString(CultureInfo.InvariantCulture));
        var totalWidth = report.OverloadSteps.Count == 0
            ? Width
            : OverloadLeft + report.OverloadSteps.Count * OverloadStepWidth + OverloadRight;

        var maxRate = NiceCeiling(steps.Select(step => (double)step.OfferedRate).DefaultIfEmpty(1).Max());
        var measured = steps.Where(step => step.OutcomeLatency.Count > 0).ToList();
        var lowDecade = Math.Floor(Math.Log10(Math.Max(1, measured.Select(step => step.OutcomeLatency.P50).DefaultIfEmpty(1).Min())));
        var highDecade = Math.Max(lowDecade + 1, Math.Ceiling(Math.Log10(Math.Max(1, measured.Select(step => step.OutcomeLatency.P99).DefaultIfEmpty(10).Max()))));
        double X(double rate) => Left + rate / maxRate * PlotWidth;
        double YLatency(double ms) =>
            Top + PlotHeight - (Math.Clamp(Math.Log10(Math.Max(ms, 1)), lowDecade, highDecade) - lowDecade) / (highDecade - lowDecade) * PlotHeight;
        double YRate(double rate) => Top + PlotHeight - Math.Min(rate, maxRate) / maxRate * PlotHeight;

        Add($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{totalWidth}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Add($"<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        Add($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>");

        for (var decade = lowDecade; decade <= highDecade; decade++)
        {
            var latency = Math.Pow(10, decade);
            Add($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{YLatency(latency):F1}\" y2=\"{YLatency(latency):F1}\" stroke=\"#eee\"/>");
            Add($"<text x=\"{Left - 8}\" y=\"{YLatency(latency) + 4:F1}\" text-anchor=\"end\">{latency:0}</text>");
        }

        for (var i = 0; i <= 5; i++)
        {
            var rate = maxRate * i / 5;
            Add($"<text x=\"{Left + PlotWidth + 8}\" y=\"{YRate(rate) + 4:F1}\" fill=\"#777\">{rate:0}</text>");
            Add($"<text x=\"{X(rate):F1}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\">{rate:0}</text>");
        }

        // The target below saturation: p99 under 100 ms.
        var target = Targets.HalfSaturationOutcomeP99Ms.Threshold;
        Add($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{YLatency(target):F1}\" y2=\"{YLatency(target):F1}\" stroke=\"#d33\" stroke-dasharray=\"1 3\"/>");

        Add($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#333\"/>");
        Add($"<text x=\"{Left + PlotWidth / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">offered orders/s</text>");
        Add($"<text transform=\"translate(18 {Top + PlotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">outcome latency, ms (log)</text>");
        Add($"<text transform=\"translate({Width - 14} {Top + PlotHeight / 2}) rotate(90)\" text-anchor=\"middle\" fill=\"#777\">outcomes/s (dashed)</text>");

        // Where achieved equals offered: a system that keeps up stays on this diagonal.
        Add($"<line x1=\"{X(0)}\" y1=\"{YRate(0)}\" x2=\"{X(maxRate):F1}\" y2=\"{YRate(maxRate):F1}\" stroke=\"#ccc\" stroke-dasharray=\"2 4\"/>");
        Series(svg, steps, step => (X(step.OfferedRate), YRate(step.AchievedPerSecond)), "#777", dashed: true);
        Series(svg, steps, step => (X(step.OfferedRate), YLatency(step.OutcomeLatency.P50)), "#2a7", dashed: false);
        Series(svg, steps, step => (X(step.OfferedRate), YLatency(step.OutcomeLatency.P95)), "#e90", dashed: false);
        Series(svg, steps, step => (X(step.OfferedRate), YLatency(step.OutcomeLatency.P99)), "#d33", dashed: false);

        (string Label, string Colour)[] legend = [("p50", "#2a7"), ("p95", "#e90"), ("p99", "#d33"), ("outcomes/s", "#777")];
        for (var i = 0; i < legend.Length; i++)
        {
            var x = Left + 10 + i * 100;
            Add($"<line x1=\"{x}\" x2=\"{x + 20}\" y1=\"{Top + 14}\" y2=\"{Top + 14}\" stroke=\"{legend[i].Colour}\" stroke-width=\"2\"/>");
            Add($"<text x=\"{x + 26}\" y=\"{Top + 18}\">{legend[i].Label}</text>");
        }

        foreach (var step in steps.Where(step => step.Saturation is not null))
        {
            Add($"<text x=\"{X(step.OfferedRate):F1}\" y=\"{Top + PlotHeight - 6}\" text-anchor=\"end\" fill=\"#d33\">saturated</text>");
        }

        if (report.OverloadSteps.Count > 0)
        {
            RenderOverload(svg, report);
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    // Its own rate axis: at four times the saturation rate the ladder's axis would squeeze every rung into a corner.
    // The dotted line is the goodput target, a share of the peak sustained rate.
    private static void RenderOverload(StringBuilder svg, BenchReport report)
    {
        void Add(FormattableString element) => svg.AppendLine(element.ToString(CultureInfo.InvariantCulture));
        var steps = report.OverloadSteps;
        var plotWidth = steps.Count * OverloadStepWidth;
        var maxRate = NiceCeiling(steps.Max(step => (double)step.OfferedRate));
        double Y(double rate) => Top + PlotHeight - Math.Min(rate, maxRate) / maxRate * PlotHeight;

        for (var i = 0; i <= 5; i++)
        {
            var rate = maxRate * i / 5;
            Add($"<line x1=\"{OverloadLeft}\" x2=\"{OverloadLeft + plotWidth}\" y1=\"{Y(rate):F1}\" y2=\"{Y(rate):F1}\" stroke=\"#eee\"/>");
            Add($"<text x=\"{OverloadLeft - 6}\" y=\"{Y(rate) + 4:F1}\" text-anchor=\"end\" fill=\"#777\">{rate:0}</text>");
        }

        var goodputTarget = Targets.OverloadGoodputRatio.Threshold * report.Summary.SustainedOrdersPerSecond;
        Add($"<line x1=\"{OverloadLeft}\" x2=\"{OverloadLeft + plotWidth}\" y1=\"{Y(goodputTarget):F1}\" y2=\"{Y(goodputTarget):F1}\" stroke=\"#d33\" stroke-dasharray=\"1 3\"/>");

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var centre = OverloadLeft + (i + 0.5) * OverloadStepWidth;
            Add($"<line x1=\"{centre - BarWidth - 6}\" x2=\"{centre + BarWidth + 6}\" y1=\"{Y(step.OfferedRate):F1}\" y2=\"{Y(step.OfferedRate):F1}\" stroke=\"#777\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
            Add($"<rect x=\"{centre - BarWidth - 2}\" y=\"{Y(step.GoodputPerSecond):F1}\" width=\"{BarWidth}\" height=\"{Top + PlotHeight - Y(step.GoodputPerSecond):F1}\" fill=\"{GoodputColour}\"/>");
            Add($"<rect x=\"{centre + 2}\" y=\"{Y(step.RefusedPerSecond):F1}\" width=\"{BarWidth}\" height=\"{Top + PlotHeight - Y(step.RefusedPerSecond):F1}\" fill=\"{RefusedColour}\"/>");
            Add($"<text x=\"{centre:F1}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\">{report.Summary.Overload[i].Multiple}x: {step.OfferedRate}/s</text>");
            Add($"<text x=\"{centre + 2 + BarWidth / 2}\" y=\"{Y(step.RefusedPerSecond) - 4:F1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{RefusedColour}\">p99 {step.RefusalLatency.P99:F0} ms</text>");
        }

        Add($"<rect x=\"{OverloadLeft}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#333\"/>");
        Add($"<text x=\"{OverloadLeft + plotWidth / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">overload, orders/s</text>");

        (string Label, string Colour)[] legend = [("goodput/s", GoodputColour), ("refused/s", RefusedColour)];
        for (var i = 0; i < legend.Length; i++)
        {
            var x = OverloadLeft + i * 90;
            Add($"<rect x=\"{x}\" y=\"{Top - 16}\" width=\"12\" height=\"10\" fill=\"{legend[i].Colour}\"/>");
            Add($"<text x=\"{x + 16}\" y=\"{Top - 7}\">{legend[i].Label}</text>");
        }

        var offeredX = OverloadLeft + legend.Length * 90;
        Add($"<line x1=\"{offeredX}\" x2=\"{offeredX + 20}\" y1=\"{Top - 11}\" y2=\"{Top - 11}\" stroke=\"#777\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
        Add($"<text x=\"{offeredX + 24}\" y=\"{Top - 7}\">offered</text>");
    }

    private static void Series(StringBuilder svg, IReadOnlyList<StepResult> steps, Func<StepResult, (double X, double Y)> point, string colour, bool dashed)
    {
        var points = steps.Select(point).ToList();
        var path = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")));
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")}/>");
        foreach (var (x, y) in points)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3\" fill=\"{colour}\"/>");
        }
    }

    // 1, 2 or 5 times a power of ten: axis ends that divide into readable ticks.
    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(step => step * power).First(candidate => candidate >= value);
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
