using System.Globalization;
using Grpc.Core;
using MicroShop.Contracts.Orders.V1;
using MicroShop.Gateway.Orders;
using MicroShop.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MicroShop.Tests.Orders;

// The Gateway's admission gate on a clock the test moves: a bound on orders in flight that each closing halves and
// each order taken raises by one; no more orders than Orders' reported headroom; shut after Orders refuses or once
// the headroom is spent, orders let through after the answered one included, then one probe at a time until Orders
// answers it; refusing at once while the orders out have stalled.
public sealed class OrderAdmissionGateTests
{
    private const int MaxOrdersInFlight = 8;

    private readonly ManualClock clock = new();
    private readonly OrderAdmissionGate gate;

    public OrderAdmissionGateTests() =>
        gate = new OrderAdmissionGate(clock, Options.Create(new OrderAdmissionLimits { MaxOrdersInFlight = MaxOrdersInFlight }));

    [Fact]
    public void An_open_gate_lets_orders_through_up_to_the_bound_in_flight_and_one_more_for_each_answered()
    {
        Assert.Equal(MaxOrdersInFlight, AdmitAll());

        gate.Answered(served: true);
        Assert.Equal(1, AdmitAll());
    }

    [Fact]
    public void After_a_refusal_orders_are_refused_for_100_ms_then_one_probe_goes_and_the_rest_wait_for_its_answer()
    {
        Refuse();
        Assert.False(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(gate.TryAdmit(out _));
        Assert.False(gate.TryAdmit(out _));
        Assert.False(gate.TryAdmit(out _));

        gate.Answered(served: true);
        Assert.True(gate.TryAdmit(out _));
        Assert.True(gate.TryAdmit(out _));
    }

    [Fact]
    public void Each_closing_halves_the_bound_once_and_each_order_taken_raises_it_by_one_up_to_the_maximum()
    {
        Refuse();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(gate.TryAdmit(out _));
        gate.Answered(served: true);
        var admitted = AdmitAll();
        Assert.Equal(MaxOrdersInFlight / 2 + 1, admitted);
        for (var order = 0; order < admitted; order++)
        {
            gate.Answered(served: false);
        }

        // Refusals while the gate is shut (orders already on their way) halve it once: 5 -> 2, not 5 -> 1.
        Refuse();
        Refuse();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(gate.TryAdmit(out _));
        gate.Answered(served: true);
        Assert.Equal(3, AdmitAll());
    }

    [Fact]
    public void A_refused_probe_shuts_the_gate_for_another_100_ms()
    {
        Refuse();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(gate.TryAdmit(out _));

        Refuse();
        gate.Answered(served: false);
        Assert.False(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(gate.TryAdmit(out _));
    }

    [Fact]
    public void A_probe_that_is_never_answered_is_replaced_after_a_second()
    {
        Refuse();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(gate.TryAdmit(out _));
        Assert.False(gate.TryAdmit(out _));
    }

    [Fact]
    public void An_answer_while_the_gate_is_shut_and_no_probe_is_out_does_not_open_it()
    {
        Refuse();
        gate.Answered(served: true);
        Assert.False(gate.TryAdmit(out _));
    }

    [Fact]
    public void No_more_orders_go_than_the_headroom_Orders_reported_then_the_gate_shuts_until_a_probe_brings_a_new_one()
    {
        Assert.True(gate.TryAdmit(out var answered));
        gate.Heard(Headroom(2), answered);
        gate.Answered(served: true);
        Assert.Equal(2, AdmitAll());

        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(gate.TryAdmit(out var probe));
        Assert.False(gate.TryAdmit(out _));

        gate.Heard(Headroom(3), probe);
        gate.Answered(served: true);
        Assert.Equal(3, AdmitAll());
    }

    [Fact]
    public void Orders_let_through_after_the_answered_one_count_against_the_headroom_it_brought()
    {
        Assert.True(gate.TryAdmit(out var answered));
        Assert.True(gate.TryAdmit(out _));
        Assert.True(gate.TryAdmit(out _));

        gate.Heard(Headroom(3), answered);
        gate.Answered(served: true);
        Assert.Equal(1, AdmitAll());
    }

    [Fact]
    public void An_older_answer_handled_after_a_newer_one_lets_no_more_orders_through()
    {
        Assert.True(gate.TryAdmit(out var older));
        Assert.True(gate.TryAdmit(out var newer));

        // Orders took the older order with room for one more, and that one was the newer order.
        gate.Heard(Headroom(0), newer);
        gate.Heard(Headroom(1), older);
        gate.Answered(served: true);
        gate.Answered(served: true);

        Assert.Equal(0, AdmitAll());
    }

    [Fact]
    public void A_full_Orders_shuts_the_gate_without_halving_the_bound()
    {
        Assert.True(gate.TryAdmit(out var answered));
        gate.Heard(Headroom(0), answered);
        gate.Answered(served: true);
        Assert.False(gate.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(gate.TryAdmit(out _));
        gate.Answered(served: true);
        Assert.Equal(MaxOrdersInFlight, AdmitAll());
    }

    [Fact]
    public void A_headroom_older_than_100_ms_no_longer_limits_the_orders_let_through()
    {
        Assert.True(gate.TryAdmit(out var answered));
        gate.Heard(Headroom(1), answered);
        gate.Answered(served: true);
        clock.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(MaxOrdersInFlight, AdmitAll());
    }

    [Fact]
    public void While_eight_orders_are_out_and_none_has_been_answered_for_250_ms_new_ones_are_refused_until_an_answer_comes()
    {
        var wide = WideGate();
        Assert.Equal(8, Admit(wide, 8));

        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.True(wide.TryAdmit(out _));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(wide.TryAdmit(out _));
        Assert.False(wide.TryAdmit(out _));

        wide.Answered(served: true);
        Assert.True(wide.TryAdmit(out _));
    }

    [Fact]
    public void Seven_orders_out_without_an_answer_for_seconds_are_no_stall_but_eight_are()
    {
        var wide = WideGate();
        Assert.Equal(7, Admit(wide, 7));

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(wide.TryAdmit(out _));
        Assert.False(wide.TryAdmit(out _));
    }

    [Fact]
    public void After_a_quiet_spell_the_first_order_out_starts_the_wait_for_an_answer_afresh()
    {
        var wide = WideGate();
        Assert.True(wide.TryAdmit(out _));
        wide.Answered(served: true);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(50, Admit(wide, 50));
    }

    [Fact]
    public void A_refusal_is_answered_with_503_problem_and_the_Retry_After_of_Orders_refusal()
    {
        var response = new DefaultHttpContext().Response;
        var result = gate.Close(new RpcException(new Status(StatusCode.Unavailable, "backlog full")), response);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter.ToString());
    }

    // Admits orders until the gate refuses one; how many went through.
    private int AdmitAll()
    {
        var admitted = 0;
        while (gate.TryAdmit(out _))
        {
            admitted++;
        }

        return admitted;
    }

    // A gate whose bound is far above the eight orders out that can stall.
    private OrderAdmissionGate WideGate() =>
        new(clock, Options.Create(new OrderAdmissionLimits { MaxOrdersInFlight = 64 }));

    // Asks the gate for up to `orders` orders; how many went through.
    private static int Admit(OrderAdmissionGate gate, int orders) =>
        Enumerable.Range(0, orders).Count(order => gate.TryAdmit(out _));

    private static Metadata Headroom(long orders) =>
        new() { { OrderRefusals.HeadroomTrailer, orders.ToString(CultureInfo.InvariantCulture) } };

    private void Refuse() =>
        gate.Close(new RpcException(new Status(StatusCode.Unavailable, "backlog full")), new DefaultHttpContext().Response);
}
