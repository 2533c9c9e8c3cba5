using System.Net.Http.Headers;
using System.Text;

namespace MicroShop.Bench.Faults;

// RabbitMQ's management API, signed in as the application's broker user (the user of its AMQP URI).
public static class BrokerManagement
{
    public static HttpClient CreateClient(Uri broker, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var management = new HttpClient { BaseAddress = endpoint };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(broker.UserInfo))));
        return management;
    }
}
