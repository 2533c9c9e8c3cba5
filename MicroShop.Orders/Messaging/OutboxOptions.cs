namespace MicroShop.Orders.Messaging;

// Bound in "Orders:Outbox" (Orders__Outbox__MaxAttempts in the environment).
public sealed class OutboxOptions
{
    public const string SectionName = "Orders:Outbox";

    // How many times the relay tries a row that fails for a reason of its own before it parks it. Tries after the first
    // are 1, 2, 4 and 8 s apart (the relay's back-off), so 5 gives up after about 15 s: long enough for a failure that
    // is not the row's after all, short enough that the rows behind it are not held up for long.
    public int MaxAttempts { get; set; } = 5;

    // How long a published row stays before OutboxRetention deletes it: a window in which an operator can still see what
    // left and when, without the table growing with every order ever placed. Unpublished and parked rows always stay.
    public TimeSpan PublishedRetention { get; set; } = TimeSpan.FromMinutes(15);
}
