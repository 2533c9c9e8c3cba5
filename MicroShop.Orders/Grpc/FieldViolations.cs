using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace MicroShop.Orders.Grpc;

// Gathers every bad field of a request, so one INVALID_ARGUMENT answer names them all (google.rpc.BadRequest).
// Fields are named as in the proto (items[1].product_id); the Gateway turns them into its JSON names.
public sealed class FieldViolations
{
    private readonly BadRequest badRequest = new();

    public static RpcException Single(string field, string description)
    {
        var violations = new FieldViolations();
        violations.Add(field, description);
        return violations.ToException();
    }

    public void Add(string field, string description) =>
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });

    public void ThrowIfAny()
    {
        if (badRequest.FieldViolations.Count > 0)
        {
            throw ToException();
        }
    }

    private RpcException ToException() =>
        new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "The request has invalid fields.",
            Details = { Any.Pack(badRequest) },
        }.ToRpcException();
}
