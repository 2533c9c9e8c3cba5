namespace MicroShop.Bench.Reporting;

public enum GoalDirection
{
    AtLeast,
    AtMost,
    Below,
}
