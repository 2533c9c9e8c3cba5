using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace MicroShop.Tests.Infrastructure;

// Every measurement of the meters made by a meter factory of its own, read with a MeterListener: what a service's
// instruments would report to the dashboard, without other tests' instruments mixed in.
public sealed class MeterMeasurements : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];

    public MeterMeasurements()
    {
        MeterFactory = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Scope == MeterFactory)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    public IMeterFactory MeterFactory { get; }

    // Asks every observable instrument (gauges) for its value now.
    public void Observe() => listener.RecordObservableInstruments();

    public List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        [.. measurements.Where(measurement => measurement.Instrument == instrument)];

    public double Sum(string instrument) => Of(instrument).Sum(measurement => measurement.Value);

    public void Dispose()
    {
        listener.Dispose();
        services.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        measurements.Add((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
}
