namespace MicroShop.Bench.Faults;

public enum RequestOutcome
{
    // 2xx.
    Served,

    // 503 or 429 with Retry-After and problem+json: the system said it cannot serve now, and when to come back.
    Refused,

    // Any other answer, no answer in time, or no connection.
    Error,
}
