namespace MicroShop.Orders.Admission;

// One create that OrderAdmission let in; it counts as pending from admission, not only once its order is stored.
public sealed class AdmissionTicket(OrderAdmission admission) : IDisposable
{
    private int ended;

    public void Placed()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            admission.End(placed: true);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0)
        {
            admission.End(placed: false);
        }
    }
}
