using MicroShop.Contracts.Orders.V1;
using ErrorInfo = Google.Rpc.ErrorInfo;

namespace MicroShop.Gateway.Orders;

// Orders refuses new orders while its saga is full (admission control). After such a refusal the Gateway refuses new
// orders itself for a moment, with the same answer, rather than pass each one on to be refused: under a flash sale
// most requests then cost the Gateway a few microseconds and Orders nothing. The first order after the moment goes
// through and finds out whether there is room again.
public sealed class OrderAdmissionGate(TimeProvider timeProvider)
{
    // Orders recounts its pending orders at most every 100 ms; asking more often would only be refused.
    private static readonly TimeSpan ClosedFor = TimeSpan.FromMilliseconds(100);

    private long openAt;
    private long retryAfterTicks = TimeSpan.FromSeconds(1).Ticks;

    public bool IsOpen => timeProvider.GetTimestamp() >= Volatile.Read(ref openAt);

    public static bool IsRefusal(RpcException exception) =>
        exception.StatusCode == StatusCode.Unavailable
        && exception.GetRpcStatus()?.GetDetail<ErrorInfo>() is { Reason: OrderRefusals.BacklogFull, Domain: OrderRefusals.Domain };

    // Remembers Orders' refusal and answers it.
    public ProblemHttpResult Close(RpcException refusal, HttpResponse response)
    {
        Volatile.Write(ref retryAfterTicks, RetryAfter.Of(refusal).Ticks);
        Volatile.Write(ref openAt, timeProvider.GetTimestamp() + (long)(ClosedFor.TotalSeconds * timeProvider.TimestampFrequency));
        return Refuse(response);
    }

    // 503 with Retry-After, as problem+json; written without an exception, since under overload most answers are this.
    // OrderAdmissionMiddleware answers it while the gate is closed; the endpoint, when Orders refuses.
    public ProblemHttpResult Refuse(HttpResponse response)
    {
        RetryAfter.Apply(response, TimeSpan.FromTicks(Volatile.Read(ref retryAfterTicks)));
        return TypedResults.Problem(detail: OrderRefusals.BacklogFullMessage, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
